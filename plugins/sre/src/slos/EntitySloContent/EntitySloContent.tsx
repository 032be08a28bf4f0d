import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useEntitySlos } from '../useEntitySlos';
import { InvalidSloDocuments } from './InvalidSloDocuments';
import { SloCard } from './SloCard';
import { SloHelp } from './SloHelp';
import { AsyncContent } from '../../shared/AsyncContent';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/**
 * The SLOs tab of a Component or System: every SLO of the service (of a System: of
 * its components) in full, least budget left first, with the service's invalid SLO
 * documents above them and, without any SLO, how to add one.
 *
 * @public
 */
export function EntitySloContent() {
  const { entity } = useEntity();
  const slos = useEntitySlos(entity);
  const { t } = useTranslationRef(sreTranslationRef);
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';

  return (
    <AsyncContent state={slos} retry={slos.retry}>
      {value => (
        <Grid container spacing={3} data-testid="sre-slo-content">
          {value.invalid.length > 0 && (
            <Grid item xs={12}>
              <InvalidSloDocuments records={value.invalid} />
            </Grid>
          )}
          {value.items.length === 0 ? (
            <Grid item xs={12}>
              <SloHelp entity={entity} />
            </Grid>
          ) : (
            value.items.map(slo => (
              <Grid item xs={12} key={slo.sloRef}>
                <SloCard slo={slo} showService={isSystem} />
              </Grid>
            ))
          )}
          {value.totalCount > value.items.length && (
            <Grid item xs={12}>
              <Typography variant="body2" color="textSecondary">
                {t('slos.content.showing', {
                  shown: String(value.items.length),
                  total: String(value.totalCount),
                })}
              </Typography>
            </Grid>
          )}
        </Grid>
      )}
    </AsyncContent>
  );
}
