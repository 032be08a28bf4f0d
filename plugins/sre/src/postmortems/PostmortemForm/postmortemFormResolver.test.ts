import { emptyFormState, newActionItem } from './postmortemFormState';
import {
  createPostmortemFormResolver,
  formPathOf,
} from './postmortemFormResolver';

const OWNER = 'group:default/checkout-team';

/** A quick postmortem the shared checker accepts. */
function validQuickForm() {
  return {
    ...emptyFormState('quick', {
      entityRefs: ['component:default/checkout-api'],
      owner: OWNER,
    }),
    title: 'Checkout retries exhausted',
    severity: 'SEV3' as const,
    startedAt: '2024-01-10T10:00',
    summary: 'Retries without jitter ran out of connections.',
  };
}

const resolve = (values: ReturnType<typeof validQuickForm>) => {
  const onProblems = jest.fn();
  const result = createPostmortemFormResolver(onProblems)(values, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  });
  return { result, onProblems };
};

describe('postmortemFormResolver', () => {
  it('hands on the request when the shared checker accepts it', async () => {
    const { result, onProblems } = resolve(validQuickForm());

    const { values, errors } = await result;
    expect(errors).toEqual({});
    expect(values).toEqual(
      expect.objectContaining({
        template: 'quick',
        title: 'Checkout retries exhausted',
        startedAt: new Date('2024-01-10T10:00').toISOString(),
        // The blank action item row is not sent.
        actionItems: [],
      }),
    );
    expect(onProblems).toHaveBeenCalledWith([]);
  });

  it('puts a row error on the form row it is about when empty rows were dropped', async () => {
    const item = (title: string, owner: string) => ({
      ...newActionItem(owner),
      title,
    });
    const { result, onProblems } = resolve({
      ...validQuickForm(),
      actionItems: [
        newActionItem(OWNER),
        item('Add jitter', 'nobody'),
        newActionItem(OWNER),
        item('Alert on pool use', 'team checkout'),
      ],
    });

    const { values, errors } = await result;
    expect(values).toEqual({});
    // The request names the rows it holds; the form the rows the user sees.
    expect(onProblems).toHaveBeenCalledWith([
      expect.objectContaining({ field: 'actionItems[0].owner' }),
      expect.objectContaining({ field: 'actionItems[1].owner' }),
    ]);
    const rows = errors.actionItems as unknown as Record<number, unknown>;
    expect(rows[0]).toBeUndefined();
    expect(rows[1]).toEqual({
      owner: expect.objectContaining({
        message: expect.stringMatching(/must be a user or group ref/),
      }),
    });
    expect(rows[2]).toBeUndefined();
    expect(rows[3]).toEqual({ owner: expect.anything() });
  });

  it('maps every kind of request field to its form path', () => {
    const rowIndexes = {
      timeline: [1],
      contributingFactors: [2],
      links: [0, 3],
      impactedSlos: [4],
      actionItems: [],
    };
    expect(formPathOf('title', rowIndexes)).toBe('title');
    expect(formPathOf('entityRefs[2]', rowIndexes)).toBe('entityRefs.2');
    expect(formPathOf('timeline[0].at', rowIndexes)).toBe('timeline.1.at');
    expect(formPathOf('links[1].url', rowIndexes)).toBe('links.3.url');
    // A factor is a string in the request and a row with `text` in the form.
    expect(formPathOf('contributingFactors[0]', rowIndexes)).toBe(
      'contributingFactors.2.text',
    );
    expect(formPathOf('impactedSlos[0].budgetConsumed', rowIndexes)).toBe(
      'impactedSlos.4.budgetPercent',
    );
    // An error about a whole list, where react-hook-form keeps them.
    expect(formPathOf('contributingFactors', rowIndexes)).toBe(
      'contributingFactors.root',
    );
  });
});
