import { BudgetingMethod, SloTimeWindow } from '../definition';
import { readTimeSliceWindow } from './readTimeWindow';
import { childPath, SpecObject, SpecReader } from './SpecReader';

/** What an SLO's objective sets, where it is valid. */
export type Objective = {
  target?: number;
  timeSliceTarget?: number;
  timeSliceWindowMs?: number;
};

/** A number in [min, max) or (min, max], recorded as a problem otherwise. */
function readRange(
  reader: SpecReader,
  objective: SpecObject,
  path: string,
  key: string,
  range: { min: number; max: number; includeMin: boolean; hint?: string },
): number | undefined {
  const value = reader.number(objective, path, key);
  if (value === undefined) return undefined;
  const aboveMin = range.includeMin ? value >= range.min : value > range.min;
  const belowMax = range.includeMin ? value < range.max : value <= range.max;
  if (aboveMin && belowMax) return value;
  const interval = range.includeMin
    ? `[${range.min}, ${range.max})`
    : `(${range.min}, ${range.max}]`;
  reader.problem(
    childPath(path, key),
    `${key} ${value} is outside ${interval}${range.hint ? range.hint : ''}`,
  );
  return undefined;
}

/** `targetPercent: 99.9` -> 0.999, without the binary noise of a plain division. */
function percentToRatio(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/**
 * One objective: `target` or `targetPercent`, and for time slices the target and
 * window of a slice; every problem is recorded.
 */
export function readObjective(
  reader: SpecReader,
  item: unknown,
  path: string,
  method: BudgetingMethod | undefined,
  period: SloTimeWindow | undefined,
): Objective {
  if (
    !reader.isMapping(
      item,
      path,
      'an objective must be a mapping with target or targetPercent',
    )
  ) {
    return {};
  }
  const objective: Objective = {};
  const hasTarget = item.target !== undefined && item.target !== null;
  const hasPercent =
    item.targetPercent !== undefined && item.targetPercent !== null;
  if (hasTarget && hasPercent) {
    reader.problem(path, 'give target or targetPercent, not both');
  } else if (!hasTarget && !hasPercent) {
    reader.problem(
      path,
      'target (such as 0.999) or targetPercent (such as 99.9) is required',
    );
  } else if (hasTarget) {
    const raw = item.target;
    objective.target = readRange(reader, item, path, 'target', {
      min: 0,
      max: 1,
      includeMin: true,
      hint:
        typeof raw === 'number' && raw >= 50 && raw < 100
          ? `; for a percentage use targetPercent: ${raw}`
          : undefined,
    });
  } else {
    const percent = readRange(reader, item, path, 'targetPercent', {
      min: 0,
      max: 100,
      includeMin: true,
    });
    if (percent !== undefined) objective.target = percentToRatio(percent);
  }

  if (method === 'Timeslices') {
    if (item.timeSliceTarget === undefined || item.timeSliceTarget === null) {
      reader.problem(
        childPath(path, 'timeSliceTarget'),
        'timeSliceTarget is required for Timeslices: the ratio in (0, 1] a slice must reach to be good',
      );
    } else {
      objective.timeSliceTarget = readRange(
        reader,
        item,
        path,
        'timeSliceTarget',
        { min: 0, max: 1, includeMin: false },
      );
    }
  }
  if (method === 'Timeslices' || method === 'RatioTimeslices') {
    objective.timeSliceWindowMs = readTimeSliceWindow(
      reader,
      item,
      path,
      period,
    );
  }
  return objective;
}
