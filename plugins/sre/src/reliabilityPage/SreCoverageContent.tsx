import { useEffect, useState } from 'react';
import { Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import {
  ANNOTATION_ENGAGEMENT,
  CoverageResponse,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useCoverage } from './useCoverage';
import { shortRef } from '../shared/labels';
import { CoverageChart } from './CoverageChart';
import { CoverageSummary } from './CoverageSummary';
import { CoverageTable } from './CoverageTable';
import { RetryableError } from '../shared/RetryableError';
import { FilterSelect } from '../shared/FilterSelect';
import { FilterBar } from '../shared/FilterBar';
import { ListEmptyState } from '../shared/ListEmptyState';
import { PageDescription } from '../shared/PageDescription';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** @public */
export type SreCoverageContentProps = {
  /** Shown above the filters, e.g. when the app's page header has no subtitle. */
  description?: string;
};

function options(refs: Set<string>) {
  return [...refs]
    .sort((a, b) => shortRef(a).localeCompare(shortRef(b)))
    .map(ref => ({ label: shortRef(ref), value: ref }));
}

/** Collects the owners and Systems seen in any report, so that filtering keeps them. */
function useKnownRefs(report: CoverageResponse | undefined) {
  const [known, setKnown] = useState({
    owners: new Set<string>(),
    systems: new Set<string>(),
  });
  useEffect(() => {
    if (!report) return;
    setKnown(prev => {
      const owners = new Set(prev.owners);
      const systems = new Set(prev.systems);
      for (const s of report.services) {
        if (s.owner) owners.add(s.owner);
        if (s.system) systems.add(s.system);
      }
      return owners.size === prev.owners.size &&
        systems.size === prev.systems.size
        ? prev
        : { owners, systems };
    });
  }, [report]);
  return known;
}

/**
 * The coverage view of the SRE page: filters by team and System, summary tiles, a
 * chart of services per engagement model and the table of services.
 *
 * @public
 */
export function SreCoverageContent(props: SreCoverageContentProps) {
  const [owner, setOwner] = useState<string | undefined>();
  const [system, setSystem] = useState<string | undefined>();
  const { value, loading, error, retry } = useCoverage({ owner, system });
  const known = useKnownRefs(value);
  const filtered = Boolean(owner || system);
  const { t } = useTranslationRef(sreTranslationRef);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <RetryableError error={error} retry={retry} />;
  } else if (value && value.services.length === 0) {
    body = (
      <ListEmptyState
        filtered={filtered}
        noMatchTitle={t('page.noMatch.title')}
        noMatchDescription={t('page.noMatch.description')}
        noneTitle={t('page.noServices.title')}
        noneDescription={t('page.noServices.description', {
          annotation: ANNOTATION_ENGAGEMENT,
        })}
      />
    );
  } else if (value) {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <CoverageSummary totals={value.totals} />
        </Grid>
        <Grid item xs={12} md={6}>
          <CoverageChart totals={value.totals} />
        </Grid>
        <Grid item xs={12}>
          <CoverageTable services={value.services} />
        </Grid>
      </Grid>
    );
  }

  return (
    <>
      <PageDescription text={props.description} />
      <FilterBar>
        <FilterSelect
          label={t('page.filters.team')}
          id="sre-filter-owner"
          allLabel={t('page.filters.allTeams')}
          options={options(known.owners)}
          selected={owner}
          onChange={setOwner}
        />
        <FilterSelect
          label={t('page.filters.system')}
          id="sre-filter-system"
          allLabel={t('page.filters.allSystems')}
          options={options(known.systems)}
          selected={system}
          onChange={setSystem}
        />
      </FilterBar>
      {body}
    </>
  );
}
