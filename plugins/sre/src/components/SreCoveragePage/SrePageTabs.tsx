import { TabbedLayout } from '@backstage/core-components';
import { SLO_REVIEW_DESCRIPTION, SLO_REVIEW_TITLE } from '../../sloLabels';
import { SloReviewContent } from '../SloReview';
import { SreCoverageContent } from './SreCoverageContent';

/** @public */
export type SrePageTabsProps = {
  /** Shown above the coverage view, e.g. when the page header has no subtitle. */
  coverageDescription?: string;
};

/**
 * The two views of the SRE page as tabs: Coverage (at the page's root) and SLO review
 * (at `slo-review` under it).
 *
 * @public
 */
export function SrePageTabs(props: SrePageTabsProps) {
  return (
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Coverage">
        <SreCoverageContent description={props.coverageDescription} />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/slo-review" title={SLO_REVIEW_TITLE}>
        <SloReviewContent description={SLO_REVIEW_DESCRIPTION} />
      </TabbedLayout.Route>
    </TabbedLayout>
  );
}
