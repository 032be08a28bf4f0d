import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { RetryableError } from './RetryableError';

/** The state of an async value, as `useAsync` and the plugin's hooks return it. */
export type AsyncState<T> = { value?: T; loading: boolean; error?: Error };

/**
 * What a card or tab shows for an async value: progress while it loads, the error
 * panel when it failed (with a Retry button when `retry` is given), else its content
 * (nothing while there is no value yet).
 */
export function AsyncContent<T>(props: {
  state: AsyncState<T>;
  retry?: () => void;
  children: (value: T) => ReactNode;
}) {
  const { value, loading, error } = props.state;
  if (loading) return <Progress />;
  if (error) {
    return props.retry ? (
      <RetryableError error={error} retry={props.retry} />
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  return value === undefined ? null : <>{props.children(value)}</>;
}
