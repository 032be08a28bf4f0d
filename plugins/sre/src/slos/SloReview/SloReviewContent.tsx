import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { useSlos } from '../useSlos';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { SloReviewTable } from './SloReviewTable';
import { useReviewFilterOptions } from './useReviewFilterOptions';
import { FilterSelect } from '../../shared/FilterSelect';
import { usePaging } from '../../shared/Pager';
import { PagedListBody } from '../../shared/PagedListBody';
import { ListEmptyState } from '../../shared/ListEmptyState';
import { PageDescription } from '../../shared/PageDescription';
import { FilterBar, FilterNote } from '../../shared/FilterBar';
import { withQueryParam } from '../../shared/queryParams';
import { SloEvaluationPanel } from '../SloEvaluationPanel/SloEvaluationPanel';

const PAGE_SIZES = [20, 50, 100];
const ALERTS: SloStatus['alert'][] = ['page', 'ticket', 'none'];

/** @public */
export type SloReviewContentProps = {
  /** Shown above the filters. */
  description?: string;
};

function isAlert(value: unknown): value is SloStatus['alert'] {
  return ALERTS.includes(value as SloStatus['alert']);
}

/**
 * A filter kept in the query string, so that a link opens the same list. Each change
 * applies to the current parameters, so that quick changes of two filters keep both.
 */
function useFilterParam(name: string) {
  const [searchParams, setSearchParams] = useSearchParams();
  const setValue = (value: string | undefined) =>
    setSearchParams(params => withQueryParam(params, name, value));
  return [searchParams.get(name) || undefined, setValue] as const;
}

/**
 * The SLO review: whether SLO evaluation keeps up (the SLO evaluation panel),
 * then every SLO of the organisation, least error budget left first, filterable
 * by team, System and alert state and paged by the backend. The filters live in
 * the URL (`?owner=&system=&alert=`) so that a link opens the same list.
 *
 * @public
 */
export function SloReviewContent(props: SloReviewContentProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const [owner, setOwner] = useFilterParam('owner');
  const [system, setSystem] = useFilterParam('system');
  const [alertParam, setAlert] = useFilterParam('alert');
  const alert = isAlert(alertParam) ? alertParam : undefined;
  const paging = usePaging(PAGE_SIZES);

  const slos = useSlos({
    owner,
    system,
    alert,
    orderBy: 'budget',
    limit: paging.pageSize,
    offset: paging.offset,
  });
  const options = useReviewFilterOptions();

  const filterSetter =
    (set: (value: string | undefined) => void) =>
    (selected: string | undefined) => {
      // Undefined drops the parameter from the query string.
      set(selected);
      paging.reset();
    };

  return (
    <>
      <PageDescription text={props.description} />
      <Box mb={2}>
        <SloEvaluationPanel />
      </Box>
      <FilterBar>
        <FilterSelect
          label={t('slos.review.team')}
          id="sre-slo-filter-owner"
          allLabel={t('slos.review.allTeams')}
          options={options.value?.teams ?? []}
          selected={owner}
          onChange={filterSetter(setOwner)}
        />
        <FilterSelect
          label={t('slos.review.system')}
          id="sre-slo-filter-system"
          allLabel={t('slos.review.allSystems')}
          options={options.value?.systems ?? []}
          selected={system}
          onChange={filterSetter(setSystem)}
        />
        <FilterSelect
          label={t('slos.review.alert')}
          id="sre-slo-filter-alert"
          allLabel={t('slos.review.anyAlert')}
          options={ALERTS.map(a => ({ label: t(`slos.alert.${a}`), value: a }))}
          selected={alert}
          onChange={filterSetter(setAlert)}
          minWidth={180}
        />
      </FilterBar>
      {options.error && (
        <FilterNote>
          {t('slos.review.optionsError', { error: options.error.message })}
        </FilterNote>
      )}
      <PagedListBody
        state={slos}
        paging={paging}
        perPageLabel={t('slos.review.perPage')}
        empty={
          <ListEmptyState
            filtered={!!(owner || system || alert)}
            noMatchTitle={t('slos.review.noMatchTitle')}
            noMatchDescription={t('slos.review.noMatchDescription')}
            noneTitle={t('slos.review.noSlosTitle')}
            noneDescription={t('slos.review.noSlosDescription')}
          />
        }
      >
        {items => <SloReviewTable slos={items} />}
      </PagedListBody>
    </>
  );
}
