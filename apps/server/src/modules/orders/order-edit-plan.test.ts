import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { planLines } from './order-edit-plan.ts';

const mug = { id: 'line-mug', variantId: 'v-mug', quantity: 2 };
const plate = { id: 'line-plate', variantId: 'v-plate', quantity: 1 };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('planning an edit of the order lines', () => {
  it('keeps lines with their new quantities, removes those set to 0 and adds new ones', () => {
    const plan = planLines([mug, plate], [{ lineId: 'line-mug', quantity: 5 }, { lineId: 'line-plate', quantity: 0 }], [{ variantId: 'v-cup', quantity: 3 }]);
    expect(plan.kept).toEqual([{ line: mug, quantity: 5 }]);
    expect(plan.removed).toEqual([plate]);
    expect(plan.added).toEqual([{ variantId: 'v-cup', quantity: 3, index: 0 }]);
    expect(plan.changed).toBe(true);
  });

  it('sees no change when every quantity stays what it is', () => {
    expect(planLines([mug, plate], [{ lineId: 'line-mug', quantity: 2 }], []).changed).toBe(false);
  });

  it('refuses lines that are not the order’s, lines given twice and a variant already on a line, naming each field', () => {
    const err = refusal(() =>
      planLines([mug, plate], [{ lineId: 'line-other', quantity: 1 }, { lineId: 'line-mug', quantity: 1 }, { lineId: 'line-mug', quantity: 3 }], [{ variantId: 'v-plate', quantity: 1 }, { variantId: 'v-cup', quantity: 1 }, { variantId: 'v-cup', quantity: 2 }]),
    );
    expect(err.code).toBe('ORDER_EDIT_INVALID');
    expect(err.fields).toEqual([
      { path: 'body.lines.0.lineId', message: 'is not a line of this order' },
      { path: 'body.lines.2.lineId', message: 'is given twice' },
      { path: 'body.addLines.0.variantId', message: expect.stringContaining('is already on line line-plate') },
      { path: 'body.addLines.2.variantId', message: 'is given twice' },
    ]);
  });

  it('lets a removed line’s variant come back as a new line (sold again at today’s price)', () => {
    const plan = planLines([mug, plate], [{ lineId: 'line-plate', quantity: 0 }], [{ variantId: 'v-plate', quantity: 2 }]);
    expect(plan.removed).toEqual([plate]);
    expect(plan.added).toEqual([{ variantId: 'v-plate', quantity: 2, index: 0 }]);
  });

  it('refuses an edit that leaves no line', () => {
    const err = refusal(() => planLines([mug, plate], [{ lineId: 'line-mug', quantity: 0 }, { lineId: 'line-plate', quantity: 0 }], []));
    expect(err.fields).toEqual([{ path: 'body.lines', message: expect.stringContaining('at least one line must remain') }]);
  });
});
