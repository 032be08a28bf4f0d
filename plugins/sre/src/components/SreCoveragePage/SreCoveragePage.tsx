import { Header, Page } from '@backstage/core-components';
import { SRE_COVERAGE_SUBTITLE, SRE_COVERAGE_TITLE } from '../../labels';
import { SreCoverageContent } from './SreCoverageContent';

/**
 * The SRE coverage page with its own header, for apps on the legacy frontend system.
 * New-system apps get the same content under the app's page header.
 *
 * @public
 */
export function SreCoveragePage() {
  return (
    <Page themeId="tool">
      <Header title={SRE_COVERAGE_TITLE} subtitle={SRE_COVERAGE_SUBTITLE} />
      <SreCoverageContent />
    </Page>
  );
}
