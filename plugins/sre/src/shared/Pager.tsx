import { ChangeEvent, useState } from 'react';
import TablePagination from '@material-ui/core/TablePagination';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** Page and page size of a list the backend pages, starting at the first page. */
export function usePaging(pageSizes: number[]) {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(pageSizes[0]);
  return {
    page,
    pageSize,
    pageSizes,
    offset: page * pageSize,
    setPage,
    setPageSize: (size: number) => {
      setPageSize(size);
      setPage(0);
    },
    /** Back to the first page, e.g. when a filter changes. */
    reset: () => setPage(0),
  };
}

/** The pagination row under a table of a list the backend pages. */
export function Pager(props: {
  paging: ReturnType<typeof usePaging>;
  count: number;
  /** e.g. "Postmortems per page". */
  label: string;
}) {
  const { paging, count, label } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <TablePagination
      component="div"
      count={count}
      page={paging.page}
      rowsPerPage={paging.pageSize}
      rowsPerPageOptions={paging.pageSizes}
      labelRowsPerPage={label}
      labelDisplayedRows={({ from, to, count: total }) =>
        t('shared.pager.displayedRows', {
          from: String(from),
          to: String(to),
          total: String(total),
        })
      }
      onPageChange={(_event: unknown, next: number) => paging.setPage(next)}
      onRowsPerPageChange={(event: ChangeEvent<HTMLInputElement>) =>
        paging.setPageSize(Number(event.target.value))
      }
    />
  );
}
