import { EmptyState } from '@backstage/core-components';

/**
 * What an org-level view shows for an empty list: that nothing matches when filters
 * are set, else that there is nothing yet (with how to get some).
 */
export function ListEmptyState(props: {
  filtered: boolean;
  noMatchTitle: string;
  noMatchDescription: string;
  noneTitle: string;
  noneDescription: string;
}) {
  return props.filtered ? (
    <EmptyState
      missing="data"
      title={props.noMatchTitle}
      description={props.noMatchDescription}
    />
  ) : (
    <EmptyState
      missing="content"
      title={props.noneTitle}
      description={props.noneDescription}
    />
  );
}
