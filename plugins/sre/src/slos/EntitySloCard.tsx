import { InfoCard, Link } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ListSlosResponse } from '@sre-catalog/backstage-plugin-sre-common';
import { useEntitySlos } from './useEntitySlos';
import { SLOS_TAB_PATH, useSlosTabLink } from './useSloLinks';
import { objectiveInWords } from './sloLabels';
import { sloTitle } from './sloFormat';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { ErrorBudgetBar } from './ErrorBudgetBar';
import { SloAlertChip } from './SloAlertChip';
import { AsyncContent } from '../shared/AsyncContent';
import { SloFaultNotes } from './SloFaultNotes';

const useStyles = makeStyles(
  theme => ({
    list: {
      display: 'flex',
      flexDirection: 'column',
    },
    item: {
      padding: theme.spacing(1, 0),
      '&:not(:last-child)': {
        borderBottom: `1px solid ${theme.palette.divider}`,
      },
    },
    heading: {
      display: 'flex',
      justifyContent: 'space-between',
      alignItems: 'flex-start',
      gap: theme.spacing(1),
      marginBottom: theme.spacing(0.5),
    },
    title: {
      fontWeight: 600,
    },
  }),
  { name: 'SreEntitySloCard' },
);

/** @public */
export type EntitySloCardProps = {
  /** The path of the SLOs tab on the entity page; `slos` unless mounted elsewhere. */
  slosTabPath?: string;
};

function SloLines(props: { slos: ListSlosResponse; tabLink: string }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { slos, tabLink } = props;
  const classes = useStyles();
  if (slos.items.length === 0) {
    return (
      <Typography variant="body2">
        {t('slos.card.noSlos')}{' '}
        <Link to={tabLink}>{t('slos.card.howToAdd')}</Link>
        {slos.invalid.length > 0 &&
          ` ${t('slos.card.invalidNote', { count: slos.invalid.length })}`}
      </Typography>
    );
  }
  return (
    <>
      {slos.invalid.length > 0 && (
        <Typography variant="body2" color="error" paragraph>
          {t('slos.card.invalid', { count: slos.invalid.length })}{' '}
          <Link to={tabLink}>{t('slos.card.seeWhy')}</Link>
        </Typography>
      )}
      <div
        role="list"
        aria-label={t('slos.card.listAriaLabel')}
        className={classes.list}
      >
        {slos.items.map(slo => (
          <div
            role="listitem"
            key={slo.sloRef}
            data-slo={slo.sloRef}
            className={classes.item}
          >
            <div className={classes.heading}>
              <div>
                <Typography variant="body2" className={classes.title}>
                  {sloTitle(slo)}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {objectiveInWords(t, slo)}
                </Typography>
              </div>
              <SloAlertChip slo={slo} />
            </div>
            <ErrorBudgetBar remaining={slo.errorBudgetRemaining} compact />
            <SloFaultNotes slo={slo} variant="caption" />
          </div>
        ))}
      </div>
    </>
  );
}

/**
 * A compact card for the overview of a Component or System: each SLO on one line with
 * its alert state and the error budget left, linking to the SLOs tab.
 *
 * @public
 */
export function EntitySloCard(props: EntitySloCardProps) {
  const { entity } = useEntity();
  const slos = useEntitySlos(entity);
  const { t } = useTranslationRef(sreTranslationRef);
  const tabLink = useSlosTabLink(props.slosTabPath ?? SLOS_TAB_PATH)(
    stringifyEntityRef(entity),
  );

  return (
    <div data-testid="sre-slo-card-compact">
      <InfoCard
        title={t('slos.card.title')}
        deepLink={{ title: t('slos.card.allDetails'), link: tabLink }}
      >
        <AsyncContent state={slos}>
          {value => <SloLines slos={value} tabLink={tabLink} />}
        </AsyncContent>
      </InfoCard>
    </div>
  );
}
