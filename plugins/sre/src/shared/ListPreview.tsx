import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { AsyncContent, AsyncState } from './AsyncContent';
import { ListPage } from './PagedListBody';

/** The counts a "the first N of M" message takes, as strings for the translation. */
export type ShownCounts = { shown: string; total: string };

/**
 * A card's look at the first items of a longer list: progress and errors as
 * {@link AsyncContent} shows them, `empty` when there are none, else the items and,
 * when the backend has more, `more` saying how many of how many are shown.
 */
export function ListPreview<T>(props: {
  state: AsyncState<ListPage<T>>;
  empty: ReactNode;
  more: (counts: ShownCounts) => string;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <AsyncContent state={props.state}>
      {value =>
        value.items.length === 0 ? (
          props.empty
        ) : (
          <>
            {props.children(value.items)}
            {value.totalCount > value.items.length && (
              <Typography variant="body2" color="textSecondary">
                {props.more({
                  shown: String(value.items.length),
                  total: String(value.totalCount),
                })}
              </Typography>
            )}
          </>
        )
      }
    </AsyncContent>
  );
}
