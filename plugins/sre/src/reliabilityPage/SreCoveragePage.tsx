import { Header, Page } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { SrePageTabs } from './SrePageTabs';

/**
 * The SRE page with its own header, for apps on the legacy frontend system: the
 * tabs of {@link SrePageTabs}. New-system apps get the same tabs under the app's
 * page header.
 *
 * @public
 */
export function SreCoveragePage() {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <SrePageTabs />
    </Page>
  );
}
