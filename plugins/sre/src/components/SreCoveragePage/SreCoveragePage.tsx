import { Header, Page } from '@backstage/core-components';
import { SRE_COVERAGE_SUBTITLE, SRE_COVERAGE_TITLE } from '../../labels';
import { SrePageTabs } from './SrePageTabs';

/**
 * The SRE page with its own header, for apps on the legacy frontend system: the
 * coverage view at its root and the SLO review at `slo-review`. New-system apps get
 * the same tabs under the app's page header.
 *
 * @public
 */
export function SreCoveragePage() {
  return (
    <Page themeId="tool">
      <Header title={SRE_COVERAGE_TITLE} subtitle={SRE_COVERAGE_SUBTITLE} />
      <SrePageTabs />
    </Page>
  );
}
