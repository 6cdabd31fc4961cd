import { ItemAnalytics } from '@upstand/contracts';
import { agreeShare, divergingLikertData, divergingSummary, likertTableRows, wrapWords } from './diverging';

const COUNT = { value: 20, suppressed: false };

function item(overrides: Partial<ItemAnalytics>): ItemAnalytics {
  return {
    itemCode: 'confidence_intervene',
    wording: 'I feel confident to intervene',
    type: 'likert-5',
    construct: 'confidence',
    withheld: false,
    nFrom: COUNT,
    nTo: COUNT,
    nPaired: COUNT,
    responseRate: 0.8,
    meanFrom: 2.5,
    meanTo: 4,
    medianFrom: 2,
    medianTo: 4,
    meanChange: 1.5,
    ci95: [1.1, 1.9],
    improvedShare: 0.8,
    sameShare: 0.15,
    worseShare: 0.05,
    wilcoxon: null,
    effectSizeR: 0.6,
    mcnemar: null,
    withheldReason: null,
    distributionFrom: [0.1, 0.3, 0.2, 0.3, 0.1],
    distributionTo: [0, 0.05, 0.15, 0.4, 0.4],
    ...overrides,
  };
}

const byKey = (data: ReturnType<typeof divergingLikertData>, key: string) =>
  data.datasets.find((dataset) => dataset.key === key)?.data;

describe('diverging likert bars', () => {
  it('puts disagreement left of zero, agreement right, and splits "neither" across the centre', () => {
    const data = divergingLikertData([item({})]);
    expect(byKey(data, 'strongly-disagree')).toEqual([-10, 0]);
    expect(byKey(data, 'disagree')).toEqual([-30, -5]);
    expect(byKey(data, 'neutral-left')).toEqual([-10, -7.5]);
    expect(byKey(data, 'neutral-right')).toEqual([10, 7.5]);
    expect(byKey(data, 'agree')).toEqual([30, 40]);
    expect(byKey(data, 'strongly-agree')).toEqual([10, 40]);
  });

  it('stacks from the centre outwards: neither first, then disagree/agree, then the strong answers', () => {
    const data = divergingLikertData([item({})]);
    expect(data.datasets.map((dataset) => dataset.key)).toEqual([
      'neutral-left',
      'neutral-right',
      'disagree',
      'agree',
      'strongly-disagree',
      'strongly-agree',
    ]);
    expect(data.datasets.map((dataset) => dataset.label)).toEqual([
      'Neither agree nor disagree',
      'Neither agree nor disagree',
      'Disagree',
      'Agree',
      'Strongly disagree',
      'Strongly agree',
    ]);
  });

  it('draws each bar 100 wide in total, before then after for each statement', () => {
    const data = divergingLikertData([item({}), item({ itemCode: 'speak_up', wording: 'I speak up' })]);
    expect(data.labels).toEqual([
      ['I feel confident to intervene', 'Before'],
      ['After'],
      ['I speak up', 'Before'],
      ['After'],
    ]);
    expect(data.bars.map(({ wording, stage, withheld }) => ({ wording, stage, withheld }))).toEqual([
      { wording: 'I feel confident to intervene', stage: 'Before', withheld: false },
      { wording: 'I feel confident to intervene', stage: 'After', withheld: false },
      { wording: 'I speak up', stage: 'Before', withheld: false },
      { wording: 'I speak up', stage: 'After', withheld: false },
    ]);
    for (let bar = 0; bar < 4; bar++) {
      const width = data.datasets.reduce((sum, dataset) => sum + Math.abs(dataset.data[bar] ?? 0), 0);
      expect(width).toBeCloseTo(100, 5);
    }
  });

  it('makes every drawn bar add up to 100% of the group, even when the shares given were rounded', () => {
    const data = divergingLikertData([item({ distributionFrom: [0.33, 0.33, 0.33, 0, 0] })]);
    const width = data.datasets.reduce((sum, dataset) => sum + Math.abs(dataset.data[0] ?? 0), 0);
    expect(width).toBeCloseTo(100, 4);
    expect(byKey(data, 'disagree')?.[0]).toBeCloseTo(-100 / 3, 4);
  });

  it('shows a withheld statement as withheld bars, and leaves out other item types', () => {
    const data = divergingLikertData([
      item({
        itemCode: 'withheld',
        wording: 'Withheld',
        withheld: true,
        distributionFrom: null,
        distributionTo: null,
      }),
      item({ itemCode: 'scale', type: 'scale-0-10', distributionFrom: null, distributionTo: null }),
      item({ itemCode: 'shown', wording: 'Shown' }),
    ]);
    expect(data.labels).toEqual([
      ['Withheld', 'Before: withheld'],
      ['After: withheld'],
      ['Shown', 'Before'],
      ['After'],
    ]);
    expect(data.bars.map((bar) => bar.withheld)).toEqual([true, true, false, false]);
    expect(data.datasets.every((dataset) => dataset.data[0] === null && dataset.data[1] === null)).toBe(true);
    expect(likertTableRows([item({ withheld: true, distributionFrom: null, distributionTo: null })])).toEqual(
      [
        expect.objectContaining({ stage: 'Before', withheld: true, shares: [null, null, null, null, null] }),
        expect.objectContaining({ stage: 'After', withheld: true, shares: [null, null, null, null, null] }),
      ],
    );
  });

  it('gives the same figures as table rows', () => {
    const rows = likertTableRows([item({ distributionTo: [0, 0.05, 0.15, 0.4, 0.4] })]);
    expect(rows).toEqual([
      {
        itemCode: 'confidence_intervene',
        wording: 'I feel confident to intervene',
        stage: 'Before',
        withheld: false,
        base: COUNT,
        reason: null,
        shares: [0.1, 0.3, 0.2, 0.3, 0.1],
      },
      {
        itemCode: 'confidence_intervene',
        wording: 'I feel confident to intervene',
        stage: 'After',
        withheld: false,
        base: COUNT,
        reason: null,
        shares: [0, 0.05, 0.15, 0.4, 0.4],
      },
    ]);
  });

  it('says why a statement is withheld: too few people, or to stop differencing with another view', () => {
    const overlap = item({
      withheld: true,
      withheldReason: 'overlap',
      distributionFrom: null,
      distributionTo: null,
    });
    expect(divergingSummary([overlap], 10)).toContain(
      'withheld (withheld so it cannot be worked out by comparing this view with another)',
    );
    expect(likertTableRows([overlap]).map((row) => row.reason)).toEqual(['overlap', 'overlap']);
    expect(likertTableRows([item({})]).map((row) => row.reason)).toEqual([null, null]);
  });

  it('wraps long wording at spaces', () => {
    expect(wrapWords('I know what to do when I see someone being treated badly at work', 20)).toEqual([
      'I know what to do',
      'when I see someone',
      'being treated badly',
      'at work',
    ]);
  });

  it('summarises agreement before and after for the chart description', () => {
    expect(agreeShare([0.1, 0.3, 0.2, 0.3, 0.1])).toBeCloseTo(0.4);
    expect(agreeShare([0.1, 0.3, 0.2, 0.3, null])).toBeNull();
    expect(divergingSummary([item({})])).toContain('“I feel confident to intervene”: 40% before, 80% after');
    expect(divergingSummary([])).toContain('no statements can be shown');
    expect(
      divergingSummary([item({ withheld: true, distributionFrom: null, distributionTo: null })], 10),
    ).toContain('“I feel confident to intervene”: withheld (fewer than 10 people answered before and after)');
  });
});
