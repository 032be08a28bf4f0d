import { EmptyState, InfoCard, Link } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { useSlos } from './useSlos';
import { useSloReviewLink, useSlosTabLink } from './useSloLinks';
import { objectiveInWords } from './sloLabels';
import { formatSli, sloTitle } from './sloFormat';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { ErrorBudgetBar } from './ErrorBudgetBar';
import { ServiceLink } from '../shared/ServiceLink';
import { SloAlertChip } from './SloAlertChip';
import { ListPreview } from '../shared/ListPreview';
import { SloFaultNotes } from './SloFaultNotes';
import { CellCaption } from '../shared/CellCaption';

/** How many SLOs the card shows; the SLO review lists the rest. */
const LIMIT = 20;

/** @public */
export type EntityGroupSloCardProps = {
  /** How many SLOs to show, least budget left first (20 by default). */
  limit?: number;
};

function SloTable(props: { slos: SloStatus[] }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const tabLink = useSlosTabLink();
  return (
    <Table size="small" aria-label={t('slos.groupCard.tableAriaLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('slos.groupCard.slo')}</TableCell>
          <TableCell>{t('slos.groupCard.service')}</TableCell>
          <TableCell>{t('slos.groupCard.alert')}</TableCell>
          <TableCell>{t('slos.groupCard.sli')}</TableCell>
          <TableCell>{t('slos.groupCard.errorBudget')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.slos.map(slo => (
          <TableRow key={slo.sloRef} data-slo={slo.sloRef}>
            <TableCell component="th" scope="row">
              <Link to={tabLink(slo.service)}>{sloTitle(slo)}</Link>
              <CellCaption>{objectiveInWords(t, slo)}</CellCaption>
              <SloFaultNotes slo={slo} variant="caption" />
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <ServiceLink entityRef={slo.service} />
            </TableCell>
            <TableCell>
              <SloAlertChip slo={slo} />
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatSli(slo.sli, slo.target)}
            </TableCell>
            <TableCell style={{ minWidth: 200 }}>
              <ErrorBudgetBar remaining={slo.errorBudgetRemaining} compact />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * For a Group: the SLOs of the services it owns or supports as SREs, least error
 * budget left first.
 *
 * @public
 */
export function EntityGroupSloCard(props: EntityGroupSloCardProps) {
  const { entity } = useEntity();
  const owner = stringifyEntityRef(entity);
  const limit = props.limit ?? LIMIT;
  const slos = useSlos({ owner, limit });
  const reviewLink = useSloReviewLink();
  const { t } = useTranslationRef(sreTranslationRef);

  return (
    <div data-testid="sre-group-slo-card">
      <InfoCard
        title={t('slos.groupCard.title')}
        subheader={t('slos.groupCard.subheader')}
        deepLink={
          reviewLink
            ? {
                title: t('slos.groupCard.openInReview'),
                link: reviewLink({ owner }),
              }
            : undefined
        }
      >
        <ListPreview
          state={slos}
          empty={
            <EmptyState
              missing="data"
              title={t('slos.groupCard.noSlosTitle')}
              description={t('slos.groupCard.noSlosDescription')}
            />
          }
          more={counts => t('slos.groupCard.showing', counts)}
        >
          {items => <SloTable slos={items} />}
        </ListPreview>
      </InfoCard>
    </div>
  );
}
