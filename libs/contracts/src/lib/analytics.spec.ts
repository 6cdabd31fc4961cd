import { DISCLOSURE_POLICY_SUMMARY, disclosurePolicySummary } from './analytics';

describe('the disclosure policy summary', () => {
  it('is a few plain sentences naming the threshold in force', () => {
    expect(DISCLOSURE_POLICY_SUMMARY.length).toBeGreaterThanOrEqual(3);
    expect(DISCLOSURE_POLICY_SUMMARY.length).toBeLessThanOrEqual(5);
    const summary = disclosurePolicySummary(12);
    expect(summary.join(' ')).not.toContain('{threshold}');
    expect(summary[0]).toContain('groups of 12 or more respondents');
    expect(summary[1]).toContain('fewer than 12 respondents');
  });
});
