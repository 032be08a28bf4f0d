import { ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import { AsyncState } from './AsyncContent';
import { Pager, usePaging } from './Pager';
import { RetryableError } from './RetryableError';

/** One page of a list, as the backend's list endpoints answer. */
export type ListPage<T> = { items: T[]; totalCount: number };

/**
 * The body of a list the backend pages: the error with a Retry button; progress until
 * the first page arrives; `empty` when there is nothing at all; else the page with
 * the pagination row, and a thin progress bar (no jump) while the next page loads.
 */
export function PagedListBody<T>(props: {
  state: AsyncState<ListPage<T>> & { retry: () => void };
  paging: ReturnType<typeof usePaging>;
  /** e.g. "Postmortems per page". */
  perPageLabel: string;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const { value, loading, error, retry } = props.state;
  if (error) return <RetryableError error={error} retry={retry} />;
  if (!value) return <Progress />;
  if (value.totalCount === 0) return <>{props.empty}</>;
  return (
    <Paper>
      {loading ? <LinearProgress /> : <Box height={4} />}
      {props.children(value.items)}
      <Pager
        paging={props.paging}
        count={value.totalCount}
        label={props.perPageLabel}
      />
    </Paper>
  );
}
