import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  POSTMORTEM_BUDGET_THRESHOLD,
  Postmortem,
  isHttpUrl,
} from '@sre-catalog/backstage-plugin-sre-common';
import { formatBudget, formatDuration } from '../postmortemLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { PostmortemStatusChip, SeverityChip } from '../PostmortemChips';
import { ActionItemsTable } from '../ActionItemsTable';
import { PolicyFlag } from '../PolicyFlag';
import { Principal } from './PostmortemHistory';
import { PostmortemText } from '../PostmortemText';
import { formatDateTime } from '../../shared/format';
import { Field } from '../../shared/Field';

const useStyles = makeStyles(
  theme => ({
    over: {
      color: theme.palette.error.main,
      fontWeight: 700,
    },
  }),
  { name: 'SrePostmortemDetails' },
);

/** When the incident reached a stage, and how long after its start. */
function IncidentTime(props: {
  label: string;
  at: string | undefined;
  startedAt: string;
}) {
  const { t } = useTranslationRef(sreTranslationRef);
  const duration = formatDuration(t, props.startedAt, props.at);
  return (
    <Field heading={false} label={props.label}>
      {formatDateTime(props.at)}
      {duration && ` ${t('postmortems.details.after', { duration })}`}
    </Field>
  );
}

/** @public */
export type PostmortemDetailsProps = {
  postmortem: Postmortem;
};

/**
 * Every section of a postmortem: the incident's times and durations, services,
 * teams, impacted SLOs with their budget, summary, impact, timeline, contributing
 * factors, what went well and poorly, lessons, action items, tags and links. Text is
 * rendered as sanitised Markdown, never as raw HTML; only http(s) links are links.
 *
 * @public
 */
export function PostmortemDetails(props: PostmortemDetailsProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { postmortem } = props;
  const classes = useStyles();
  const full = postmortem.template === 'full';
  return (
    <Grid container spacing={3} data-testid="sre-postmortem-details">
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <SeverityChip severity={postmortem.severity} />
          <PostmortemStatusChip status={postmortem.status} />
          <Chip
            size="small"
            variant="outlined"
            label={t('postmortems.details.templateChip', {
              template: t(`postmortems.template.${postmortem.template}`),
            })}
          />
          <Typography variant="body2" color="textSecondary">
            {t('postmortems.details.version', {
              version: String(postmortem.version),
              date: formatDateTime(postmortem.updatedAt),
            })}{' '}
            <Principal principal={postmortem.updatedBy} />
          </Typography>
        </Box>
      </Grid>
      <Grid item xs={12}>
        <PolicyFlag policy={postmortem.policy} />
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title={t('postmortems.details.incident')}>
          <Field heading={false} label={t('postmortems.details.started')}>
            {formatDateTime(postmortem.startedAt)}
          </Field>
          <IncidentTime
            label={t('postmortems.details.detected')}
            at={postmortem.detectedAt}
            startedAt={postmortem.startedAt}
          />
          <IncidentTime
            label={t('postmortems.details.mitigated')}
            at={postmortem.mitigatedAt}
            startedAt={postmortem.startedAt}
          />
          <IncidentTime
            label={t('postmortems.details.resolved')}
            at={postmortem.resolvedAt}
            startedAt={postmortem.startedAt}
          />
          <Field heading={false} label={t('postmortems.details.services')}>
            <EntityRefLinks
              entityRefs={postmortem.entityRefs}
              defaultKind="component"
            />
          </Field>
          <Field heading={false} label={t('postmortems.details.teams')}>
            {postmortem.ownerRefs.length ? (
              <EntityRefLinks
                entityRefs={postmortem.ownerRefs}
                defaultKind="group"
              />
            ) : (
              '—'
            )}
          </Field>
          <Field heading={false} label={t('postmortems.details.writtenBy')}>
            <Principal principal={postmortem.createdBy} />{' '}
            {t('postmortems.details.writtenOn', {
              date: formatDateTime(postmortem.createdAt),
            })}
          </Field>
          {postmortem.tags.length > 0 && (
            <Field heading={false} label={t('postmortems.details.tags')}>
              <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                {postmortem.tags.map(tag => (
                  <Chip key={tag} size="small" label={tag} />
                ))}
              </Box>
            </Field>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title={t('postmortems.details.summary')}>
          <PostmortemText text={postmortem.summary} />
        </InfoCard>
        {(full || postmortem.impact) && (
          <Box mt={3}>
            <InfoCard title={t('postmortems.details.impact')}>
              <PostmortemText text={postmortem.impact} />
            </InfoCard>
          </Box>
        )}
      </Grid>
      {postmortem.impactedSlos.length > 0 && (
        <Grid item xs={12}>
          <InfoCard
            title={t('postmortems.details.impactedSlos')}
            subheader={t('postmortems.details.impactedSlosSubheader', {
              threshold: formatBudget(POSTMORTEM_BUDGET_THRESHOLD),
            })}
          >
            <Table
              size="small"
              aria-label={t('postmortems.details.impactedSlos')}
            >
              <TableHead>
                <TableRow>
                  <TableCell>{t('postmortems.details.slo')}</TableCell>
                  <TableCell>
                    {t('postmortems.details.budgetConsumed')}
                  </TableCell>
                  <TableCell>{t('postmortems.details.from')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {postmortem.impactedSlos.map(slo => (
                  <TableRow key={slo.sloRef}>
                    <TableCell>
                      <EntityRefLink entityRef={slo.sloRef} />
                    </TableCell>
                    <TableCell
                      className={
                        slo.budgetConsumed > POSTMORTEM_BUDGET_THRESHOLD
                          ? classes.over
                          : undefined
                      }
                    >
                      {formatBudget(slo.budgetConsumed)}
                    </TableCell>
                    <TableCell>
                      {slo.computed
                        ? t('postmortems.details.fromSloData')
                        : t('postmortems.details.fromEntered')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
      )}
      {(full || postmortem.timeline.length > 0) && (
        <Grid item xs={12}>
          <InfoCard title={t('postmortems.details.timeline')}>
            {postmortem.timeline.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {t('postmortems.details.noEntries')}
              </Typography>
            ) : (
              <Table
                size="small"
                aria-label={t('postmortems.details.timeline')}
              >
                <TableBody>
                  {postmortem.timeline.map((entry, i) => (
                    <TableRow key={`${entry.at}|${i}`}>
                      <TableCell
                        style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}
                      >
                        {formatDateTime(entry.at)}
                      </TableCell>
                      <TableCell style={{ whiteSpace: 'pre-wrap' }}>
                        {entry.description}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </InfoCard>
        </Grid>
      )}
      {(full || postmortem.contributingFactors.length > 0) && (
        <Grid item xs={12} md={6}>
          <InfoCard title={t('postmortems.details.contributingFactors')}>
            {postmortem.contributingFactors.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {t('postmortems.details.noneNamed')}
              </Typography>
            ) : (
              <List dense disablePadding>
                {postmortem.contributingFactors.map((factor, i) => (
                  <ListItem key={i} disableGutters>
                    <ListItemText
                      primary={factor}
                      primaryTypographyProps={{
                        style: { whiteSpace: 'pre-wrap' },
                      }}
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </InfoCard>
        </Grid>
      )}
      {(
        [
          ['lessons', postmortem.lessons],
          ['wentWell', postmortem.wentWell],
          ['wentPoorly', postmortem.wentPoorly],
        ] as const
      ).map(
        ([section, text]) =>
          // The full template shows every section, empty ones too, to be filled in.
          (full || text) && (
            <Grid item xs={12} md={6} key={section}>
              <InfoCard title={t(`postmortems.details.${section}`)}>
                <PostmortemText text={text} />
              </InfoCard>
            </Grid>
          ),
      )}
      <Grid item xs={12}>
        <InfoCard title={t('postmortems.details.actionItems')}>
          {postmortem.actionItems.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {t('postmortems.details.noActionItems')}
            </Typography>
          ) : (
            <ActionItemsTable items={postmortem.actionItems} />
          )}
        </InfoCard>
      </Grid>
      {postmortem.links.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title={t('postmortems.details.links')}>
            <List dense disablePadding>
              {postmortem.links.map((link, i) => (
                <ListItem key={`${link.url}|${i}`} disableGutters>
                  {isHttpUrl(link.url) ? (
                    <Link to={link.url}>{link.title}</Link>
                  ) : (
                    <span>
                      {t('postmortems.details.linkWithUrl', {
                        title: link.title,
                        url: link.url,
                      })}
                    </span>
                  )}
                </ListItem>
              ))}
            </List>
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
