import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { ResolvedResponsibility } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { partyRoleLabel } from './ownershipLabels';

const useStyles = makeStyles(
  theme => ({
    gapRow: {
      // Beats the theme's striping of odd rows.
      '&&&': {
        backgroundColor: alpha(theme.palette.error.main, 0.12),
      },
    },
    gapChip: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
      fontWeight: 600,
    },
    visuallyHidden: {
      position: 'absolute',
      width: 1,
      height: 1,
      padding: 0,
      margin: -1,
      overflow: 'hidden',
      clip: 'rect(0, 0, 0, 0)',
      whiteSpace: 'nowrap',
      border: 0,
    },
    source: {
      color: theme.palette.text.secondary,
      whiteSpace: 'nowrap',
    },
  }),
  { name: 'SreResponsibilityMatrix' },
);

/** @public */
export type ResponsibilityMatrixProps = {
  responsibilities: ResolvedResponsibility[];
};

function Party(props: { party: string }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const label = partyRoleLabel(t, props.party);
  if (label) {
    return <>{label}</>;
  }
  return <EntityRefLink entityRef={props.party}>{props.party}</EntityRefLink>;
}

/**
 * The responsibility matrix of one service: who holds each area, and whether the
 * area is set on the entity, its System or comes from the organisation baseline.
 * Areas nobody holds are highlighted as gaps.
 *
 * @public
 */
export function ResponsibilityMatrix(props: ResponsibilityMatrixProps) {
  const { responsibilities } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <Table size="small" aria-label={t('ownership.matrix.ariaLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('ownership.matrix.area')}</TableCell>
          <TableCell>{t('ownership.matrix.party')}</TableCell>
          <TableCell>{t('ownership.matrix.holders')}</TableCell>
          <TableCell>{t('ownership.matrix.source')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {responsibilities.map(r => {
          const gap = r.holders.length === 0;
          return (
            <TableRow
              key={r.area}
              className={gap ? classes.gapRow : undefined}
              data-gap={gap ? 'true' : undefined}
            >
              <TableCell component="th" scope="row">
                {r.area}
              </TableCell>
              <TableCell>
                <Party party={r.party} />
              </TableCell>
              <TableCell>
                {gap ? (
                  <>
                    <Chip
                      size="small"
                      label={t('ownership.matrix.gap')}
                      className={classes.gapChip}
                      aria-hidden
                    />
                    <span className={classes.visuallyHidden}>
                      {t('ownership.matrix.gapDescription', { area: r.area })}
                    </span>
                  </>
                ) : (
                  <EntityRefLinks entityRefs={r.holders} />
                )}
              </TableCell>
              <TableCell className={classes.source}>
                {t(`ownership.valueSource.${r.source}`)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
