import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  POSTMORTEM_LIMITS,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { useTeamOptions } from '../useTeamOptions';
import { FilterSelect } from '../../shared/FilterSelect';
import { usePostmortemLink } from '../usePostmortemLink';
import { usePostmortems } from '../usePostmortems';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { PostmortemTable } from '../PostmortemTable';
import { RequiredPostmortemsPanel } from './RequiredPostmortemsPanel';
import { usePaging } from '../../shared/Pager';
import { PagedListBody } from '../../shared/PagedListBody';
import { ListEmptyState } from '../../shared/ListEmptyState';
import { PageDescription } from '../../shared/PageDescription';
import { FilterBar, FilterNote } from '../../shared/FilterBar';
import { withQueryParam } from '../../shared/queryParams';

const PAGE_SIZES = [20, 50, 100];

/** @public */
export type PostmortemLibraryContentProps = {
  /** Shown above the search box. */
  description?: string;
};

function oneOf<T extends string>(
  values: readonly T[],
  value: string | null,
): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/** A text input that reports its value once typing stops. */
function useDebouncedInput(value: string, onSettle: (value: string) => void) {
  const [input, setInput] = useState(value);
  useEffect(() => setInput(value), [value]);
  useDebounce(
    () => {
      if (input.trim() !== value) onSettle(input.trim());
    },
    400,
    [input],
  );
  return [input, setInput] as const;
}

/**
 * The postmortem library: every team's postmortems, newest first, searchable (words
 * in title, summary, impact, lessons, tags and timeline), filterable by severity,
 * status, tag and team, paged by the backend. Search and filters live in the URL
 * (`?q=&severity=&status=&tag=&owner=`) so that a link opens the same list. Above it,
 * incidents the error budget policy says still need a postmortem.
 *
 * @public
 */
export function PostmortemLibraryContent(props: PostmortemLibraryContentProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const tag = searchParams.get('tag') ?? '';
  const owner = searchParams.get('owner') ?? '';
  const severity = oneOf(POSTMORTEM_SEVERITIES, searchParams.get('severity'));
  const status = oneOf(POSTMORTEM_STATUSES, searchParams.get('status'));
  const paging = usePaging(PAGE_SIZES);

  const setParam = (name: string, value: string | undefined) => {
    setSearchParams(params => withQueryParam(params, name, value), {
      replace: true,
    });
    paging.reset();
  };
  const [qInput, setQInput] = useDebouncedInput(q, v => setParam('q', v));
  const [tagInput, setTagInput] = useDebouncedInput(tag, v =>
    setParam('tag', v.toLocaleLowerCase('en-US')),
  );

  const postmortems = usePostmortems({
    q: q || undefined,
    severity,
    status,
    tag: tag || undefined,
    owner: owner || undefined,
    limit: paging.pageSize,
    offset: paging.offset,
  });
  const teams = useTeamOptions();
  const linkTo = usePostmortemLink();
  const filtered = !!(q || severity || status || tag || owner);

  return (
    <Box data-testid="sre-postmortem-library">
      <PageDescription text={props.description} />
      <Box mb={2}>
        <RequiredPostmortemsPanel />
      </Box>
      <FilterBar>
        <Box flex="1 1 320px">
          <TextField
            id="sre-postmortem-library-search"
            fullWidth
            variant="outlined"
            size="small"
            label={t('postmortems.library.search')}
            placeholder={t('postmortems.library.searchPlaceholder')}
            value={qInput}
            inputProps={{ maxLength: POSTMORTEM_LIMITS.query }}
            onChange={e => setQInput(e.target.value)}
            InputProps={{
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            }}
          />
        </Box>
        <FilterSelect
          variant="native"
          label={t('postmortems.library.severity')}
          id="sre-postmortem-library-severity"
          allLabel={t('postmortems.library.anySeverity')}
          options={POSTMORTEM_SEVERITIES.map(s => ({ value: s, label: s }))}
          selected={severity}
          onChange={v => setParam('severity', v)}
          minWidth={140}
        />
        <FilterSelect
          variant="native"
          label={t('postmortems.library.status')}
          id="sre-postmortem-library-status"
          allLabel={t('postmortems.library.anyStatus')}
          options={POSTMORTEM_STATUSES.map(s => ({
            value: s,
            label: t(`postmortems.status.${s}`),
          }))}
          selected={status}
          onChange={v => setParam('status', v)}
          minWidth={140}
        />
        <FilterSelect
          variant="native"
          label={t('postmortems.library.team')}
          id="sre-postmortem-library-team"
          allLabel={t('postmortems.library.allTeams')}
          options={teams.value ?? []}
          selected={owner || undefined}
          onChange={v => setParam('owner', v)}
          minWidth={220}
        />
        <Box minWidth={160}>
          <TextField
            id="sre-postmortem-library-tag"
            fullWidth
            variant="outlined"
            size="small"
            label={t('postmortems.library.tag')}
            value={tagInput}
            inputProps={{ maxLength: POSTMORTEM_LIMITS.tag }}
            onChange={e => setTagInput(e.target.value)}
          />
        </Box>
      </FilterBar>
      {teams.error && (
        <FilterNote>
          {t('postmortems.library.teamsError', { error: teams.error.message })}
        </FilterNote>
      )}
      <PagedListBody
        state={postmortems}
        paging={paging}
        perPageLabel={t('postmortems.library.perPage')}
        empty={
          <ListEmptyState
            filtered={filtered}
            noMatchTitle={t('postmortems.library.noMatchTitle')}
            noMatchDescription={t('postmortems.library.noMatchDescription')}
            noneTitle={t('postmortems.library.noPostmortemsTitle')}
            noneDescription={t('postmortems.library.noPostmortemsDescription')}
          />
        }
      >
        {items => (
          <Box overflow="auto">
            <PostmortemTable
              postmortems={items}
              linkTo={linkTo}
              showTeams
              showTags
              title={t('postmortems.library.tableTitle')}
            />
          </Box>
        )}
      </PagedListBody>
    </Box>
  );
}
