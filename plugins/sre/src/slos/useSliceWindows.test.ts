import { renderHook } from '@testing-library/react';
import { healthySlo, timeslicesSlo } from '../__testUtils__/sloFixtures';
import { useSliceWindows } from './useSliceWindows';

describe('useSliceWindows', () => {
  it('maps the time-slice SLOs to the slice length their statuses carry', () => {
    const { result } = renderHook(() =>
      useSliceWindows([healthySlo, timeslicesSlo]),
    );
    expect([...result.current]).toEqual([[timeslicesSlo.sloRef, '1m']]);
  });
});
