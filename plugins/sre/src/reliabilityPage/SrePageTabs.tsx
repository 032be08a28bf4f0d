import { TabbedLayout } from '@backstage/core-components';
import {
  POSTMORTEM_LIBRARY_PATH,
  RECENT_LEARNINGS_PATH,
} from '../postmortems/usePostmortemLibraryLink';
import { PostmortemLibraryContent } from '../postmortems/PostmortemLibrary/PostmortemLibraryContent';
import { RecentLearningsContent } from '../postmortems/PostmortemLibrary/RecentLearningsContent';
import { SloReviewContent } from '../slos/SloReview/SloReviewContent';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { SreCoverageContent } from './SreCoverageContent';

/** @public */
export type SrePageTabsProps = {
  /** Shown above the coverage view; by default the translated `page.coverageDescription`. */
  coverageDescription?: string;
};

/**
 * The views of the SRE page as tabs: Coverage (at the page's root), SLO review (at
 * `slo-review`), the cross-team postmortem library (at `postmortems`) and recent
 * learnings (at `learnings`).
 *
 * @public
 */
export function SrePageTabs(props: SrePageTabsProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <TabbedLayout>
      <TabbedLayout.Route path="/" title={t('page.tabs.coverage')}>
        <SreCoverageContent
          description={
            props.coverageDescription ?? t('page.coverageDescription')
          }
        />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/slo-review" title={t('slos.review.title')}>
        <SloReviewContent description={t('slos.review.description')} />
      </TabbedLayout.Route>
      <TabbedLayout.Route
        path={`/${POSTMORTEM_LIBRARY_PATH}`}
        title={t('postmortems.library.title')}
      >
        <PostmortemLibraryContent
          description={t('postmortems.library.description')}
        />
      </TabbedLayout.Route>
      <TabbedLayout.Route
        path={`/${RECENT_LEARNINGS_PATH}`}
        title={t('postmortems.recentLearnings.title')}
      >
        <RecentLearningsContent
          description={t('postmortems.recentLearnings.description')}
        />
      </TabbedLayout.Route>
    </TabbedLayout>
  );
}
