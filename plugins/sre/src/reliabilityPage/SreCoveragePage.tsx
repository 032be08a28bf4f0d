import { Header, Page } from '@backstage/core-components';
import {
  SRE_COVERAGE_DESCRIPTION,
  SRE_PAGE_SUBTITLE,
  SRE_PAGE_TITLE,
} from './pageLabels';
import { SrePageTabs } from './SrePageTabs';

/**
 * The SRE page with its own header, for apps on the legacy frontend system: the
 * tabs of {@link SrePageTabs}. New-system apps get the same tabs under the app's
 * page header.
 *
 * @public
 */
export function SreCoveragePage() {
  return (
    <Page themeId="tool">
      <Header title={SRE_PAGE_TITLE} subtitle={SRE_PAGE_SUBTITLE} />
      <SrePageTabs coverageDescription={SRE_COVERAGE_DESCRIPTION} />
    </Page>
  );
}
