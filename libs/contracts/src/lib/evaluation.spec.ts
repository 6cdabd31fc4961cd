import { itemLabel } from './evaluation';

describe('itemLabel', () => {
  const wording = 'I feel confident to intervene and de-escalate a situation when it is safe to do so';

  it('calls an item by its short label, else by its wording, never by its code', () => {
    expect(itemLabel({ wording, shortLabel: 'Confidence to intervene' })).toBe('Confidence to intervene');
    expect(itemLabel({ wording })).toBe(wording);
    expect(itemLabel({ wording, shortLabel: null })).toBe(wording);
    expect(itemLabel({ wording, shortLabel: '   ' })).toBe(wording);
  });
});
