import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { AsyncContent } from '../shared/AsyncContent';
import { Field } from '../shared/Field';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Ownership } from '@sre-catalog/backstage-plugin-sre-common';
import { useOwnership } from './useOwnership';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../translation';
import { AnnotationProblemsPanel } from './AnnotationProblemsPanel';
import { EngagementChip } from './EngagementChip';
import { EngagementTimeBox } from './EngagementTimeBox';
import { ResponsibilityMatrix } from './ResponsibilityMatrix';
import { SreAnnotationsHelp } from './SreAnnotationsHelp';
import { SreSupportChip } from './SreSupportChip';

const useStyles = makeStyles(
  theme => ({
    summary: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(1),
    },
    gaps: {
      fontWeight: 600,
      color: theme.palette.error.main,
    },
    noGaps: {
      color: theme.palette.text.secondary,
    },
  }),
  { name: 'SreEntityOwnershipCard' },
);

/** True when neither the entity nor its System carries any SRE annotation. */
export function hasNoSreAnnotations(ownership: Ownership): boolean {
  const declared = (source: string) =>
    source === 'entity' || source === 'system';
  return (
    !declared(ownership.engagementSource) &&
    !declared(ownership.embeddedSresSource) &&
    !declared(ownership.centralSreSource) &&
    !declared(ownership.interactionModeSource) &&
    !ownership.responsibilities.some(r => declared(r.source)) &&
    ownership.problems.length === 0
  );
}

/** A fact of the card, two to a row from small screens up. */
function GridField(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6}>
      <Field label={props.label} mb={0}>
        {props.children}
      </Field>
    </Grid>
  );
}

function EngagementSource(props: { ownership: Ownership }) {
  const { engagementSource, system } = props.ownership;
  const { t } = useTranslationRef(sreTranslationRef);
  switch (engagementSource) {
    case 'entity':
      return <>{t('ownership.card.declaredOnEntity')}</>;
    case 'system':
      return system ? (
        <>
          {t('ownership.card.inheritedFrom')}{' '}
          <EntityRefLink entityRef={system}>{system}</EntityRefLink>.
        </>
      ) : (
        <>{t('ownership.card.inheritedFromSystem')}</>
      );
    case 'config':
      return <>{t('ownership.card.setByDefault')}</>;
    default:
      return <>{t('ownership.card.notDeclaredAnywhere')}</>;
  }
}

function gapSummary(t: SreTranslate, count: number): string {
  if (count === 0) return t('ownership.card.noGaps');
  return t('ownership.card.gaps', { count });
}

function OwnershipDetails(props: { ownership: Ownership }) {
  const { ownership } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  const unannotated = hasNoSreAnnotations(ownership);
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box className={classes.summary}>
        <EngagementChip engagement={ownership.engagement} />
        <SreSupportChip support={ownership.sreSupport} />
        <Typography
          variant="body2"
          className={ownership.gaps.length ? classes.gaps : classes.noGaps}
        >
          {gapSummary(t, ownership.gaps.length)}
        </Typography>
      </Box>
      <Box>
        <Typography variant="body2">
          {ownership.engagement
            ? t(`ownership.engagementDescription.${ownership.engagement}`)
            : t('ownership.card.noEngagement')}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          <EngagementSource ownership={ownership} />
        </Typography>
        <EngagementTimeBox ownership={ownership} />
      </Box>

      <AnnotationProblemsPanel problems={ownership.problems} />

      {unannotated ? (
        <SreAnnotationsHelp
          entityRef={ownership.entityRef}
          system={ownership.system}
        />
      ) : (
        <Grid container spacing={2}>
          <GridField label={t('ownership.card.embeddedSres')}>
            {ownership.embeddedSres.length ? (
              <EntityRefLinks entityRefs={ownership.embeddedSres} />
            ) : (
              t('ownership.card.none')
            )}
          </GridField>
          <GridField label={t('ownership.card.centralSre')}>
            {ownership.centralSre ? (
              <>
                <EntityRefLink entityRef={ownership.centralSre} />
                {ownership.centralSreSource === 'config' && (
                  <Typography variant="caption" color="textSecondary">
                    {' '}
                    ({t('ownership.valueSource.config')})
                  </Typography>
                )}
              </>
            ) : (
              t('ownership.card.none')
            )}
          </GridField>
          <GridField label={t('ownership.card.interactionMode')}>
            {ownership.interactionMode ?? t('ownership.card.notDeclared')}
          </GridField>
          <GridField label={t('ownership.card.sreSupport')}>
            {t(`ownership.supportDescription.${ownership.sreSupport}`)}
          </GridField>
        </Grid>
      )}

      <Box>
        <Typography variant="subtitle2" gutterBottom>
          {unannotated
            ? t('ownership.card.baselineResponsibilities')
            : t('ownership.card.responsibilities')}
        </Typography>
        <ResponsibilityMatrix responsibilities={ownership.responsibilities} />
      </Box>
    </Box>
  );
}

/**
 * Who is responsible for the reliability of the current Component, System or
 * Resource: engagement model, SREs, SRE support and the responsibility matrix.
 *
 * @public
 */
export function EntitySreOwnershipCard() {
  const { entity } = useEntity();
  const state = useOwnership(entity);
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <div data-testid="sre-ownership-card">
      <InfoCard title={t('ownership.card.title')}>
        <AsyncContent state={state}>
          {value => <OwnershipDetails ownership={value} />}
        </AsyncContent>
      </InfoCard>
    </div>
  );
}
