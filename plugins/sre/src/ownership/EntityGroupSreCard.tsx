import { EmptyState, InfoCard } from '@backstage/core-components';
import {
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { AsyncContent } from '../shared/AsyncContent';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_TEAM_TYPE,
  TeamSreSupport,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTeamSupport } from './useTeamSupport';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { roleLabel } from './ownershipLabels';
import { AnnotationProblemsPanel } from './AnnotationProblemsPanel';
import { EngagementChip } from './EngagementChip';
import { ServiceLink } from '../shared/ServiceLink';
import { CellCaption } from '../shared/CellCaption';

const useStyles = makeStyles(
  theme => ({
    roles: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5),
    },
    counts: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(3),
    },
    count: {
      fontSize: '1.5rem',
      fontWeight: 600,
      lineHeight: 1.2,
    },
    alarming: {
      color: theme.palette.error.main,
    },
  }),
  { name: 'SreEntityGroupSreCard' },
);

function Count(props: { value: number; label: string; alarm?: boolean }) {
  const classes = useStyles();
  return (
    <Box>
      <Typography
        component="div"
        className={`${classes.count} ${
          props.alarm && props.value > 0 ? classes.alarming : ''
        }`}
      >
        {props.value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
    </Box>
  );
}

function TeamSupportDetails(props: { support: TeamSreSupport }) {
  const { support } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box>
        {support.teamType ? (
          <>
            <Chip size="small" color="primary" label={support.teamType} />
            <Typography variant="body2">
              {t(`ownership.teamType.${support.teamType}`)}
            </Typography>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('ownership.groupCard.noTeamType')}{' '}
            <code>{ANNOTATION_TEAM_TYPE}</code>{' '}
            {t('ownership.groupCard.noTeamTypeEnd')}
          </Typography>
        )}
      </Box>

      <AnnotationProblemsPanel problems={support.problems} />

      <Box>
        <Typography variant="subtitle2" gutterBottom>
          {t('ownership.groupCard.ownedTitle')}
        </Typography>
        <Box className={classes.counts}>
          <Count
            value={support.owned.services}
            label={t('ownership.groupCard.servicesOwned')}
          />
          <Count
            value={support.owned.unsupported}
            label={t('ownership.groupCard.withoutSreSupport')}
            alarm
          />
          <Count
            value={support.owned.withGaps}
            label={t('ownership.groupCard.withGaps')}
            alarm
          />
        </Box>
      </Box>

      <Box>
        <Typography variant="subtitle2" gutterBottom>
          {t('ownership.groupCard.supportsTitle')}
        </Typography>
        {support.supports.length === 0 ? (
          <EmptyState
            missing="data"
            title={t('ownership.groupCard.supportsNoneTitle')}
            description={t('ownership.groupCard.supportsNoneDescription')}
          />
        ) : (
          <Table
            size="small"
            aria-label={t('ownership.groupCard.supportsAriaLabel')}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('ownership.groupCard.service')}</TableCell>
                <TableCell>{t('ownership.groupCard.engagement')}</TableCell>
                <TableCell>{t('ownership.groupCard.how')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {support.supports.map(entry => (
                <TableRow key={entry.entityRef}>
                  <TableCell component="th" scope="row">
                    <ServiceLink
                      entityRef={entry.entityRef}
                      title={entry.title}
                    />
                    {entry.owner && (
                      <CellCaption>
                        {t('ownership.groupCard.ownedBy')}{' '}
                        <EntityRefLink entityRef={entry.owner} />
                      </CellCaption>
                    )}
                  </TableCell>
                  <TableCell>
                    <EngagementChip engagement={entry.engagement} />
                  </TableCell>
                  <TableCell>
                    <Box className={classes.roles}>
                      {entry.roles.map(role => (
                        <Chip
                          key={role}
                          size="small"
                          variant="outlined"
                          label={roleLabel(t, role)}
                        />
                      ))}
                    </Box>
                    {entry.members.length > 0 && (
                      <Typography variant="caption" color="textSecondary">
                        {t('ownership.groupCard.embedded')}{' '}
                        <EntityRefLinks entityRefs={entry.members} />
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}

/**
 * For a Group: its Team Topologies type, the services it supports as SREs and how,
 * and how many of the services it owns lack SRE support or have gaps.
 *
 * @public
 */
export function EntityGroupSreCard() {
  const { entity } = useEntity();
  const state = useTeamSupport(entity);
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <div data-testid="sre-group-card">
      <InfoCard title={t('ownership.groupCard.title')}>
        <AsyncContent state={state}>
          {value => <TeamSupportDetails support={value} />}
        </AsyncContent>
      </InfoCard>
    </div>
  );
}
