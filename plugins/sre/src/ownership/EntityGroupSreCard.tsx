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
            No Team Topologies type declared (add the{' '}
            <code>{ANNOTATION_TEAM_TYPE}</code> annotation).
          </Typography>
        )}
      </Box>

      <AnnotationProblemsPanel problems={support.problems} />

      <Box>
        <Typography variant="subtitle2" gutterBottom>
          Services it owns
        </Typography>
        <Box className={classes.counts}>
          <Count value={support.owned.services} label="services owned" />
          <Count
            value={support.owned.unsupported}
            label="without SRE support"
            alarm
          />
          <Count value={support.owned.withGaps} label="with gaps" alarm />
        </Box>
      </Box>

      <Box>
        <Typography variant="subtitle2" gutterBottom>
          Services it supports as SREs
        </Typography>
        {support.supports.length === 0 ? (
          <EmptyState
            missing="data"
            title="Supports no services"
            description="No service names this team or its members as embedded SREs, central SRE team or holder of a responsibility area."
          />
        ) : (
          <Table size="small" aria-label="Services this team supports">
            <TableHead>
              <TableRow>
                <TableCell>Service</TableCell>
                <TableCell>Engagement</TableCell>
                <TableCell>How</TableCell>
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
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        owned by <EntityRefLink entityRef={entry.owner} />
                      </Typography>
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
                        Embedded: <EntityRefLinks entityRefs={entry.members} />
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
  return (
    <div data-testid="sre-group-card">
      <InfoCard title="SRE support">
        <AsyncContent state={state}>
          {value => <TeamSupportDetails support={value} />}
        </AsyncContent>
      </InfoCard>
    </div>
  );
}
