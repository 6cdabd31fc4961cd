import { holmAdjust } from './multiplicity';

describe('holmAdjust', () => {
  it('reproduces R p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "holm")', () => {
    // R: [1] 0.03 0.06 0.06 0.02
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
  });

  it('caps at 1 and enforces monotonicity', () => {
    // R: p.adjust(c(0.001, 0.2, 0.5, 0.8, 0.01), "holm") → 0.005 0.600 1.000 1.000 0.040
    // by hand: sorted 0.001·5, 0.01·4, 0.2·3, 0.5·2 = 1.0, 0.8·1 → cummax keeps 1.0
    const adjusted = holmAdjust([0.001, 0.2, 0.5, 0.8, 0.01]);
    [0.005, 0.6, 1, 1, 0.04].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
  });

  it('keeps NaN as NaN and leaves it out of m (R: NA)', () => {
    // R: p.adjust(c(0.01, NA, 0.04), "holm") → 0.02 NA 0.04
    const adjusted = holmAdjust([0.01, NaN, 0.04]);
    expect(adjusted[0]).toBeCloseTo(0.02, 15);
    expect(adjusted[1]).toBeNaN();
    expect(adjusted[2]).toBeCloseTo(0.04, 15);
  });

  it('handles ties, a single value, and empty input', () => {
    // R: p.adjust(c(0.02, 0.02, 0.02), "holm") → 0.06 0.06 0.06
    expect(holmAdjust([0.02, 0.02, 0.02]).map((p) => Number(p.toFixed(12)))).toEqual([0.06, 0.06, 0.06]);
    expect(holmAdjust([0.3])).toEqual([0.3]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('is monotone in the sorted order and never below the raw p', () => {
    const raw = [0.2, 0.001, 0.049, 0.03, 0.7, 0.0101, 0.01];
    const adjusted = holmAdjust(raw);
    raw.forEach((p, i) => expect(adjusted[i]).toBeGreaterThanOrEqual(p));
    const order = raw.map((_, i) => i).sort((a, b) => raw[a] - raw[b]);
    for (let k = 1; k < order.length; k++) {
      expect(adjusted[order[k]]).toBeGreaterThanOrEqual(adjusted[order[k - 1]]);
    }
  });

  it('rejects values outside [0, 1]', () => {
    expect(() => holmAdjust([0.5, 1.2])).toThrow(RangeError);
    expect(() => holmAdjust([-0.1])).toThrow(RangeError);
  });
});
