import { PairedObservation, responseRate, summariseItem, summariseItems } from './paired-summary';

/**
 * Item A: the Likert example of wilcoxon.spec.ts (d = 0 0 1 −1 1 2 2 −2 3 4) plus three people who
 * did not answer both times. Reference values:
 * - Wilcoxon (Pratt, normal, no correction): W+ = 41, z = 15/√94, p = 0.12183145048736106 (derived
 *   by hand in wilcoxon.spec.ts; SciPy wilcoxon(post, pre, zero_method='pratt', method='asymptotic')).
 * - Paired t on d: mean 1, sd 1.8257418583505538 (= √(30/9)), t = 1.732050807568877, df = 9,
 *   p = 0.11730680301423826, 95% CI (−0.30605704689078395, 2.3060570468907837)
 *   (R t.test(d) / SciPy ttest_1samp(d, 0).confidence_interval()).
 */
const ITEM_A: PairedObservation[] = [
  { subjectId: 's01', pre: 3, post: 3 },
  { subjectId: 's02', pre: 4, post: 4 },
  { subjectId: 's03', pre: 2, post: 3 },
  { subjectId: 's04', pre: 3, post: 2 },
  { subjectId: 's05', pre: 2, post: 3 },
  { subjectId: 's06', pre: 1, post: 3 },
  { subjectId: 's07', pre: 2, post: 4 },
  { subjectId: 's08', pre: 4, post: 2 },
  { subjectId: 's09', pre: 1, post: 4 },
  { subjectId: 's10', pre: 1, post: 5 },
  { subjectId: 's11', pre: 2 }, // left before the post survey
  { subjectId: 's12', pre: null, post: 5 }, // joined late
  { subjectId: 's13', pre: NaN, post: undefined },
];

/**
 * Item B: twelve people who all improved by 1 or 2 points. SciPy wilcoxon(post, pre,
 * zero_method='pratt', method='asymptotic', correction=False) → statistic 0 (W− = 0),
 * p = 0.0016593725882842268, z = −3.145263570327496 (SciPy reports −|z|).
 */
const PRE_B = [2, 3, 1, 2, 4, 3, 2, 1, 3, 2, 2, 3];
const POST_B = [4, 4, 3, 3, 5, 4, 4, 3, 4, 4, 3, 5];
const ITEM_B: PairedObservation[] = PRE_B.map((pre, i) => ({ subjectId: `p${i}`, pre, post: POST_B[i] }));

describe('responseRate', () => {
  it('computes a proportion and validates its inputs', () => {
    expect(responseRate(30, 40)).toEqual({ numerator: 30, denominator: 40, rate: 0.75 });
    expect(responseRate(0, 0).rate).toBeNaN();
    expect(() => responseRate(5, 4)).toThrow(RangeError);
    expect(() => responseRate(-1, 4)).toThrow(RangeError);
    expect(() => responseRate(1, 2.5)).toThrow(RangeError);
  });
});

describe('summariseItem', () => {
  it('reports n(pre), n(post), n(paired) and retention', () => {
    const summary = summariseItem(ITEM_A);
    expect(summary.nPre).toBe(11);
    expect(summary.nPost).toBe(11);
    expect(summary.nPaired).toBe(10);
    expect(summary.retention).toEqual({ numerator: 10, denominator: 11, rate: 10 / 11 });
    expect(summary.preResponseRate).toBeNull();
    expect(summariseItem(ITEM_A, { invited: 20 }).preResponseRate).toEqual({
      numerator: 11,
      denominator: 20,
      rate: 0.55,
    });
  });

  it('describes all answers and the paired subset separately', () => {
    const summary = summariseItem(ITEM_A);
    // all pre: 3 4 2 3 2 1 2 4 1 1 2 → mean 25/11, median 2
    expect(summary.pre.n).toBe(11);
    expect(summary.pre.mean).toBeCloseTo(25 / 11, 14);
    expect(summary.pre.median).toBe(2);
    // all post: 3 4 3 2 3 3 4 2 4 5 5 → mean 38/11, median 3
    expect(summary.post.mean).toBeCloseTo(38 / 11, 14);
    expect(summary.post.median).toBe(3);
    expect(summary.pairedPre).toMatchObject({ n: 10, median: 2 });
    expect(summary.pairedPre.mean).toBeCloseTo(2.3, 14);
    expect(summary.pairedPost).toMatchObject({ n: 10, median: 3 });
    expect(summary.pairedPost.mean).toBeCloseTo(3.3, 14);
  });

  it('mean change with its t-based 95% CI', () => {
    const { change } = summariseItem(ITEM_A);
    expect(change.n).toBe(10);
    expect(change.meanDifference).toBeCloseTo(1, 14);
    expect(change.sdDifference).toBeCloseTo(1.8257418583505538, 14);
    expect(change.t).toBeCloseTo(1.732050807568877, 13);
    expect(change.pValue).toBeCloseTo(0.11730680301423826, 14);
    expect(change.ciLower).toBeCloseTo(-0.30605704689078395, 12);
    expect(change.ciUpper).toBeCloseTo(2.3060570468907837, 12);
  });

  it('counts improved / same / worse, respecting the scoring direction', () => {
    const summary = summariseItem(ITEM_A);
    expect(summary.improved).toEqual({ count: 6, proportion: 0.6 });
    expect(summary.same).toEqual({ count: 2, proportion: 0.2 });
    expect(summary.worse).toEqual({ count: 2, proportion: 0.2 });
    const reversed = summariseItem(ITEM_A, { higherIsBetter: false });
    expect(reversed.improved.count).toBe(2);
    expect(reversed.worse.count).toBe(6);
    // the test itself does not depend on the scoring direction
    expect(reversed.wilcoxon.pValue).toBe(summary.wilcoxon.pValue);
  });

  it('includes the Wilcoxon result (Pratt by default; options pass through)', () => {
    const summary = summariseItem(ITEM_A);
    expect(summary.wilcoxon).toMatchObject({
      n: 10,
      nZero: 2,
      statistic: 41,
      method: 'normal',
      zeroMethod: 'pratt',
    });
    expect(summary.wilcoxon.pValue).toBeCloseTo(0.12183145048736106, 14);
    const wilcox = summariseItem(ITEM_A, { zeroMethod: 'wilcox', correction: true });
    expect(wilcox.wilcoxon.pValue).toBeCloseTo(0.13756389390990328, 14); // R wilcox.test default
  });

  it('handles an item nobody answered twice', () => {
    const summary = summariseItem([
      { subjectId: 'a', pre: 3 },
      { subjectId: 'b', post: 4 },
    ]);
    expect(summary.nPaired).toBe(0);
    expect(summary.improved.proportion).toBeNaN();
    expect(summary.change.meanDifference).toBeNaN();
    expect(summary.wilcoxon.pValue).toBeNaN();
    expect(summary.retention.rate).toBe(0);
  });

  it('rejects duplicate subjects and non-finite answers', () => {
    expect(() =>
      summariseItem([
        { subjectId: 'a', pre: 1, post: 2 },
        { subjectId: 'a', pre: 2, post: 2 },
      ]),
    ).toThrow(/appears more than once/);
    expect(() => summariseItem([{ subjectId: 'a', pre: Infinity, post: 2 }])).toThrow(RangeError);
  });
});

describe('summariseItems', () => {
  it('summarises every item and applies Holm across the Wilcoxon p-values', () => {
    const summaries = summariseItems([
      { itemId: 'confidence', observations: ITEM_A },
      { itemId: 'readiness', observations: ITEM_B },
      { itemId: 'unanswered', observations: [{ subjectId: 'x', pre: 2 }] },
    ]);
    expect(summaries.map((s) => s.itemId)).toEqual(['confidence', 'readiness', 'unanswered']);
    const [a, b, c] = summaries;
    expect(b.wilcoxon.statisticNegative).toBe(0);
    expect(b.wilcoxon.z).toBeCloseTo(3.145263570327496, 12);
    expect(b.wilcoxon.pValue).toBeCloseTo(0.0016593725882842268, 15);
    // Holm over the two testable items (R: p.adjust(c(0.12183145048736106, 0.0016593725882842268), "holm")):
    // 0.0016593725882842268·2 = 0.0033187451765684535; max(that, 0.12183145048736106·1) = 0.12183145048736106
    expect(a.wilcoxonPHolm).toBeCloseTo(0.12183145048736106, 14);
    expect(b.wilcoxonPHolm).toBeCloseTo(0.0033187451765684535, 15);
    expect(c.wilcoxonPHolm).toBeNaN();
  });

  it('applies per-item scoring direction and invited counts', () => {
    const [reverse] = summariseItems(
      [{ itemId: 'worry', observations: ITEM_B, higherIsBetter: false, invited: 24 }],
      {
        invited: 100,
      },
    );
    expect(reverse.worse.count).toBe(12);
    expect(reverse.preResponseRate?.rate).toBe(0.5);
  });

  it('rejects duplicate item ids', () => {
    expect(() =>
      summariseItems([
        { itemId: 'q1', observations: [] },
        { itemId: 'q1', observations: [] },
      ]),
    ).toThrow(RangeError);
  });
});
