import { countsFromSides } from './countsFromSides';

describe('countsFromSides', () => {
  it('derives good and total from any two sides and keeps 0 <= good <= total', () => {
    expect(
      countsFromSides(['good', 'total'], { good: 90, total: 100 }),
    ).toEqual({ good: 90, total: 100 });
    expect(countsFromSides(['bad', 'total'], { bad: 10, total: 100 })).toEqual({
      good: 90,
      total: 100,
    });
    expect(countsFromSides(['good', 'bad'], { good: 90, bad: 10 })).toEqual({
      good: 90,
      total: 100,
    });
    expect(countsFromSides(['good', 'bad'], {})).toEqual({ good: 0, total: 0 });
    expect(countsFromSides(['bad', 'total'], { bad: 101, total: 100 })).toEqual(
      { good: 0, total: 100 },
    );
    expect(
      countsFromSides(['good', 'total'], { good: 100.2, total: 100 }),
    ).toEqual({ good: 100, total: 100 });
    expect(
      countsFromSides(['good', 'total'], { good: NaN, total: 100 }),
    ).toEqual({ good: 0, total: 0 });
  });
});
