import { POSTMORTEM_BUDGET_THRESHOLD } from './constants';
import type {
  ActionItemPriority,
  ActionItemStatus,
  ImpactedSlo,
  PostmortemPolicy,
} from './types';

/** @public What {@link requiresPostmortem} decided, and why. */
export type PostmortemRequirement = {
  required: boolean;
  /** The SLOs that lost more than the threshold, largest loss first. */
  triggeredBy: ImpactedSlo[];
  reason: string;
};

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

/**
 * The error budget policy rule: an incident that consumed more than 20% of an SLO's
 * error budget (strictly more) requires a postmortem with at least one P0 action item.
 *
 * @public
 */
export function requiresPostmortem(
  impactedSlos: ReadonlyArray<{
    sloRef: string;
    budgetConsumed: number;
    computed?: boolean;
  }>,
): PostmortemRequirement {
  const triggeredBy = impactedSlos
    .filter(
      s =>
        Number.isFinite(s.budgetConsumed) &&
        s.budgetConsumed > POSTMORTEM_BUDGET_THRESHOLD,
    )
    .map(s => ({
      sloRef: s.sloRef,
      budgetConsumed: s.budgetConsumed,
      computed: s.computed ?? false,
    }))
    .sort((a, b) => b.budgetConsumed - a.budgetConsumed);
  const threshold = percent(POSTMORTEM_BUDGET_THRESHOLD);
  if (!triggeredBy.length) {
    return {
      required: false,
      triggeredBy,
      reason: `No SLO lost more than ${threshold} of its error budget in this incident`,
    };
  }
  const losses = triggeredBy.map(
    s => `${s.sloRef} lost ${percent(s.budgetConsumed)}`,
  );
  const listed =
    losses.length > 1
      ? `${losses.slice(0, -1).join(', ')} and ${losses[losses.length - 1]}`
      : losses[0];
  return {
    required: true,
    triggeredBy,
    reason: `${listed} of the error budget in this incident (more than ${threshold})`,
  };
}

/**
 * Applies the error budget policy to a postmortem: whether it is required, and whether
 * it has the P0 action item the policy asks for (one that is not `wont-do`).
 *
 * @public
 */
export function evaluatePostmortemPolicy(postmortem: {
  impactedSlos?: ReadonlyArray<Pick<ImpactedSlo, 'sloRef' | 'budgetConsumed'>>;
  actionItems?: ReadonlyArray<{
    priority: ActionItemPriority;
    status?: ActionItemStatus;
  }>;
}): PostmortemPolicy {
  const requirement = requiresPostmortem(postmortem.impactedSlos ?? []);
  if (!requirement.required) {
    return { required: false, satisfied: true, reason: requirement.reason };
  }
  const hasP0 = (postmortem.actionItems ?? []).some(
    item => item.priority === 'P0' && item.status !== 'wont-do',
  );
  return {
    required: true,
    satisfied: hasP0,
    reason: hasP0
      ? `${requirement.reason}; a P0 action item is tracked`
      : `${requirement.reason}; the error budget policy asks for at least one P0 action item`,
  };
}
