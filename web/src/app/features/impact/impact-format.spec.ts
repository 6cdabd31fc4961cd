import {
  countSpoken,
  countText,
  effectSizeWords,
  formatChange,
  formatChangeWithCi,
  formatEffectSize,
  formatPeriod,
  formatP,
  formatPInText,
  formatShare,
  headlineSentence,
  widenedDatesSentence,
  withheldReason,
} from './impact-format';

describe('p-values', () => {
  it.each([
    [0.0004, '< 0.001', 'p < 0.001'],
    [0.000999, '< 0.001', 'p < 0.001'],
    [0.001, '0.001', 'p = 0.001'],
    [0.0342, '0.034', 'p = 0.034'],
    [0.5, '0.500', 'p = 0.500'],
    [1, '1.000', 'p = 1.000'],
  ])('shows %p as "%s" in a table and "%s" in a sentence', (p, table, sentence) => {
    expect(formatP(p)).toBe(table);
    expect(formatPInText(p)).toBe(sentence);
  });

  it('says a missing p-value is not available rather than showing a number', () => {
    expect(formatP(null)).toBe('Not available');
    expect(formatPInText(null)).toBe('p not available');
  });
});

describe('effect size words', () => {
  it.each([
    [0, 'negligible'],
    [0.099, 'negligible'],
    [0.1, 'small'],
    [0.29, 'small'],
    [0.3, 'moderate'],
    [0.49, 'moderate'],
    [0.5, 'large'],
    [0.93, 'large'],
    [-0.35, 'moderate'],
  ])('calls r = %p %s', (r, words) => {
    expect(effectSizeWords(r)).toBe(words);
  });

  it('gives the value with its size', () => {
    expect(formatEffectSize(0.523)).toBe('0.52 (large)');
    expect(formatEffectSize(-0.12)).toBe('\u22120.12 (small)');
    expect(formatEffectSize(null)).toBe('Not available');
  });
});

describe('withheld counts', () => {
  it('shows "Withheld", never 0, for a withheld count', () => {
    expect(countText({ value: null, suppressed: true, reason: 'small' })).toBe('Withheld');
    expect(countText({ value: 0, suppressed: true, reason: 'secondary' })).toBe('Withheld');
  });

  it('shows a count that is not withheld with thousands separators, including 0', () => {
    expect(countText({ value: 1234, suppressed: false })).toBe('1,234');
    expect(countText({ value: 0, suppressed: false })).toBe('0');
  });

  it('explains why in words', () => {
    expect(withheldReason({ reason: 'small' }, 10)).toBe('fewer than 10 people');
    expect(withheldReason({ reason: 'secondary' }, 10)).toBe(
      'withheld so another figure cannot be worked out',
    );
    expect(withheldReason({ reason: 'overlap' }, 5)).toBe('withheld so another figure cannot be worked out');
    expect(countSpoken({ value: null, suppressed: true, reason: 'small' }, 7)).toBe(
      'withheld (fewer than 7 people)',
    );
    expect(countSpoken({ value: 42, suppressed: false }, 7)).toBe('42');
  });
});

describe('changes, shares and dates', () => {
  it('signs a change and gives its confidence interval with "to"', () => {
    expect(formatChange(0.8449)).toBe('+0.84');
    expect(formatChange(-0.2)).toBe('\u22120.20');
    expect(formatChange(-0.001)).toBe('0.00');
    expect(formatChangeWithCi(0.84, [0.61, 1.07])).toBe('+0.84 (95% CI 0.61 to 1.07)');
    expect(formatChangeWithCi(-0.1, [-0.3, 0.1])).toBe('\u22120.10 (95% CI \u22120.30 to 0.10)');
    expect(formatChangeWithCi(null, null)).toBe('Not available');
  });

  it('rounds shares to whole percentages and says withheld when withheld', () => {
    expect(formatShare(0.4249)).toBe('42%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(null)).toBe('Not available');
    expect(formatShare(0.5, true)).toBe('Withheld');
  });

  it('names months and calendar quarters', () => {
    expect(formatPeriod('2025-04')).toBe('April 2025');
    expect(formatPeriod('2023-Q1')).toBe('January to March 2023');
    expect(formatPeriod('2024-Q4')).toBe('October to December 2024');
    expect(formatPeriod('later')).toBe('later');
  });

  it('says which dates the figures cover after widening', () => {
    expect(widenedDatesSentence('2024-04-01', '2025-03-31')).toBe(
      "The figures cover cohorts starting from 1 April 2024 up to 31 March 2025: the dates were widened to whole financial years to protect people's privacy.",
    );
  });

  it('puts the headline in a sentence: change, confidence interval, test and effect size', () => {
    expect(
      headlineSentence({
        wording: 'I feel confident to intervene',
        ci95: [0.61, 1.07],
        wilcoxon: { statistic: 120, pValue: 0.0002, pValueHolm: 0.001, z: 3.9, method: 'normal' },
        effectSizeR: 0.52,
      }),
    ).toBe(
      'Mean change in agreement with “I feel confident to intervene” on a 1 to 5 scale (95% CI 0.61 to 1.07). ' +
        'Wilcoxon signed-rank p < 0.001; effect size r = 0.52, a large effect.',
    );
  });
});
