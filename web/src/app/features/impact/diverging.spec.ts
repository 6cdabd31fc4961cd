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
    withheldReason: null,
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
    expect(data.bars).toEqual([
      { wording: 'I feel confident to intervene', stage: 'Before' },
      { wording: 'I feel confident to intervene', stage: 'After' },
      { wording: 'I speak up', stage: 'Before' },
      { wording: 'I speak up', stage: 'After' },
    ]);
    for (let bar = 0; bar < 4; bar++) {
      const width = data.datasets.reduce((sum, dataset) => sum + Math.abs(dataset.data[bar] ?? 0), 0);
      expect(width).toBeCloseTo(100, 5);
    }
  });

  it('leaves out withheld items, other item types and items without distributions', () => {
    const data = divergingLikertData([
      item({ itemCode: 'withheld', withheld: true }),
      item({ itemCode: 'scale', type: 'scale-0-10', distributionFrom: null, distributionTo: null }),
      item({ itemCode: 'no-distribution', distributionTo: null }),
      item({ itemCode: 'shown', wording: 'Shown' }),
    ]);
    expect(data.labels).toEqual([['Shown', 'Before'], ['After']]);
    expect(likertTableRows([item({ withheld: true })])).toEqual([]);
  });

  it('gives the same figures as table rows', () => {
    const rows = likertTableRows([item({ distributionTo: [0, 0.05, 0.15, 0.4, 0.4] })]);
    expect(rows).toEqual([
      {
        itemCode: 'confidence_intervene',
        wording: 'I feel confident to intervene',
        stage: 'Before',
        shares: [0.1, 0.3, 0.2, 0.3, 0.1],
      },
      {
        itemCode: 'confidence_intervene',
        wording: 'I feel confident to intervene',
        stage: 'After',
        shares: [0, 0.05, 0.15, 0.4, 0.4],
      },
    ]);
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
  });
});
