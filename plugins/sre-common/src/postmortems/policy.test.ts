import { evaluatePostmortemPolicy, requiresPostmortem } from './policy';

const slo = (budgetConsumed: number, sloRef = 'slo:default/checkout') => ({
  sloRef,
  budgetConsumed,
  computed: false,
});

describe('requiresPostmortem', () => {
  it('requires a postmortem only above 20% of an SLO budget (strictly)', () => {
    expect(requiresPostmortem([]).required).toBe(false);
    expect(requiresPostmortem([slo(0.2)]).required).toBe(false);
    expect(requiresPostmortem([slo(0.2000001)]).required).toBe(true);
    expect(requiresPostmortem([slo(1.5)]).required).toBe(true);
  });

  it('names the SLOs over the threshold, largest loss first', () => {
    const result = requiresPostmortem([
      slo(0.25, 'slo:default/a'),
      slo(0.1, 'slo:default/b'),
      slo(0.6, 'slo:default/c'),
    ]);
    expect(result.triggeredBy.map(s => s.sloRef)).toEqual([
      'slo:default/c',
      'slo:default/a',
    ]);
    expect(result.reason).toBe(
      'slo:default/c lost 60% and slo:default/a lost 25% of the error budget in this incident (more than 20%)',
    );
  });

  it('ignores numbers that are not finite', () => {
    expect(requiresPostmortem([slo(Number.NaN)]).required).toBe(false);
  });
});

describe('evaluatePostmortemPolicy', () => {
  it('is satisfied when not required', () => {
    expect(evaluatePostmortemPolicy({ impactedSlos: [slo(0.1)] })).toEqual({
      required: false,
      satisfied: true,
      reason: 'No SLO lost more than 20% of its error budget in this incident',
    });
  });

  it('asks for a P0 action item that is not wont-do', () => {
    const impactedSlos = [slo(0.35)];
    expect(evaluatePostmortemPolicy({ impactedSlos })).toMatchObject({
      required: true,
      satisfied: false,
      reason: expect.stringContaining('at least one P0 action item'),
    });
    expect(
      evaluatePostmortemPolicy({
        impactedSlos,
        actionItems: [
          { priority: 'P1', status: 'open' },
          { priority: 'P0', status: 'wont-do' },
        ],
      }).satisfied,
    ).toBe(false);
    expect(
      evaluatePostmortemPolicy({
        impactedSlos,
        actionItems: [{ priority: 'P0', status: 'done' }],
      }),
    ).toEqual({
      required: true,
      satisfied: true,
      reason:
        'slo:default/checkout lost 35% of the error budget in this incident (more than 20%); a P0 action item is tracked',
    });
  });
});
