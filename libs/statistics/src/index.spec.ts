import * as statistics from './index';

describe('@upstand/statistics public API', () => {
  it.each([
    'normalCdf',
    'normalSf',
    'normalQuantile',
    'studentTCdf',
    'studentTSf',
    'studentTQuantile',
    'binomialPmf',
    'binomialCdf',
    'chiSquaredSf',
    'mean',
    'median',
    'standardDeviation',
    'quantile',
    'quantiles',
    'wilcoxonSignedRank',
    'wilcoxonSignedRankFromDifferences',
    'pairedTTest',
    'pairedTTestFromDifferences',
    'mcnemarTest',
    'mcnemarTestFromPairs',
    'holmAdjust',
    'responseRate',
    'summariseItem',
    'summariseItems',
    'suppress',
    'suppressBreakdown',
  ])('exports %s', (name) => {
    expect(typeof (statistics as Record<string, unknown>)[name]).toBe('function');
  });

  it('exports the policy constants', () => {
    expect(statistics.DEFAULT_SUPPRESSION_THRESHOLD).toBe(10);
    expect(statistics.MIN_SUPPRESSION_THRESHOLD).toBe(5);
    expect(statistics.WILCOXON_EXACT_MAX_N).toBe(50);
    expect(statistics.MCNEMAR_EXACT_MAX_DISCORDANT).toBe(25);
  });
});
