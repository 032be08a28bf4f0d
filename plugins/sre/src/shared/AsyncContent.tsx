import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';

/** The state of an async value, as `useAsync` and the plugin's hooks return it. */
export type AsyncState<T> = { value?: T; loading: boolean; error?: Error };

/**
 * What a card shows for an async value: progress while it loads, the error panel when
 * it failed, else its content (nothing while there is no value yet).
 */
export function AsyncContent<T>(props: {
  state: AsyncState<T>;
  children: (value: T) => ReactNode;
}) {
  const { value, loading, error } = props.state;
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return value === undefined ? null : <>{props.children(value)}</>;
}
