import { protectLines, protectNestedChain, protectView, ProtectedCount } from './view-protection';

const map = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('protectView', () => {
  it('withholds small counts but shows zeros and counts at the threshold', () => {
    const cells = protectView({ view: map({ a: 0, b: 9, c: 10 }), wider: [], siblingSets: [] });
    expect(cells.get('a')).toEqual({ value: 0, suppressed: false });
    expect(cells.get('b')).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(cells.get('c')).toEqual({ value: 10, suppressed: false });
  });

  it('withholds a count that a wider view exceeds by fewer than the threshold', () => {
    // The whole programme has 53 trained, this organisation 50: the other 3 would be revealed by subtraction.
    const cells = protectView({
      view: map({ trained: 50, paired: 20 }),
      wider: [map({ trained: 53, paired: 40 })],
      siblingSets: [],
    });
    expect(cells.get('trained')).toMatchObject({ suppressed: true, reason: 'overlap' });
    expect(cells.get('paired')).toEqual({ value: 20, suppressed: false });
  });

  it('withholds the sibling that would otherwise let a small sibling be worked out from the total', () => {
    // System = A 50 + B 45 + C 3. C is small; B, the smallest other, is withheld too; A is published.
    const siblingsOfB = [map({ trained: 50 }), map({ trained: 3 })];
    const siblingsOfA = [map({ trained: 45 }), map({ trained: 3 })];
    expect(
      protectView({ view: map({ trained: 45 }), wider: [], siblingSets: [siblingsOfB] }).get('trained'),
    ).toMatchObject({
      suppressed: true,
    });
    expect(
      protectView({ view: map({ trained: 50 }), wider: [], siblingSets: [siblingsOfA] }).get('trained'),
    ).toEqual({
      value: 50,
      suppressed: false,
    });
  });

  it('refuses a threshold below 5', () => {
    expect(() => protectView({ view: map({}), wider: [], siblingSets: [], threshold: 4 })).toThrow(
      RangeError,
    );
  });
});

describe('protectLines', () => {
  it('withholds a second part when only one part of a total is withheld', () => {
    const raw = map({ home: 40, scaleUp: 4, total: 44 });
    const cells = new Map<string, ProtectedCount>([
      ['home', { value: 40, suppressed: false }],
      ['scaleUp', { value: null, suppressed: true, reason: 'small' }],
      ['total', { value: 44, suppressed: false }],
    ]);
    protectLines(cells, [{ parts: ['home', 'scaleUp'], total: 'total' }], raw);
    expect(cells.get('home')).toMatchObject({ suppressed: true, reason: 'secondary' });
    expect(cells.get('total')).toEqual({ value: 44, suppressed: false });
  });

  it('follows chains of lines until none has a single withheld entry', () => {
    const raw = map({ a: 3, b: 20, t1: 23, c: 20, d: 30, t2: 50 });
    const cells = new Map<string, ProtectedCount>(
      [...raw].map(([k, v]) => [k, { value: v, suppressed: false }]),
    );
    cells.set('a', { value: null, suppressed: true, reason: 'small' });
    protectLines(
      cells,
      [
        { parts: ['a', 'b'], total: 't1' },
        { parts: ['b', 'c', 'd'], total: 't2' },
      ],
      raw,
    );
    expect(cells.get('b')?.suppressed).toBe(true);
    expect(cells.get('c')?.suppressed).toBe(true);
    expect(cells.get('d')?.suppressed).toBe(false);
  });
});

describe('protectNestedChain', () => {
  it('withholds a stage that fewer than the threshold dropped out before', () => {
    const raw = map({ signedUp: 100, confirmed: 96, attended: 80, certified: 80 });
    const cells = new Map<string, ProtectedCount>(
      [...raw].map(([k, v]) => [k, { value: v, suppressed: false }]),
    );
    protectNestedChain(cells, ['signedUp', 'confirmed', 'attended', 'certified'], raw);
    expect(cells.get('confirmed')?.suppressed).toBe(true);
    expect(cells.get('attended')).toEqual({ value: 80, suppressed: false });
    expect(cells.get('certified')).toEqual({ value: 80, suppressed: false });
  });

  it('keeps a count another report publishes and withholds its neighbours instead', () => {
    // 100 signed up, 80 finished the sets, 75 certified: certified is on the reach table anyway, so withholding it
    // would contradict reach; "finished the sets" (5 above it) goes, and so does nothing else.
    const raw = map({ signedUp: 100, sets: 80, certified: 75, community: 24 });
    const cells = new Map<string, ProtectedCount>(
      [...raw].map(([k, v]) => [k, { value: v, suppressed: false }]),
    );
    protectNestedChain(
      cells,
      ['signedUp', 'sets', 'certified', 'community'],
      raw,
      10,
      new Set(['certified']),
    );
    expect(cells.get('sets')).toEqual({ value: null, suppressed: true, reason: 'secondary' });
    expect(cells.get('certified')).toEqual({ value: 75, suppressed: false });
    expect(cells.get('signedUp')).toEqual({ value: 100, suppressed: false });
    expect(cells.get('community')).toEqual({ value: 24, suppressed: false });
  });

  it('withholds as many neighbours before an anchor as it takes', () => {
    // 84 → 80 → 78 (anchor): 80 is 2 above, and 84 is then 6 above, so both go; 100 is 22 above and stays.
    const raw = map({ a: 100, b: 84, c: 80, d: 78 });
    const cells = new Map<string, ProtectedCount>(
      [...raw].map(([k, v]) => [k, { value: v, suppressed: false }]),
    );
    protectNestedChain(cells, ['a', 'b', 'c', 'd'], raw, 10, new Set(['d']));
    expect([...cells].map(([key, cell]) => [key, cell.suppressed])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
      ['d', false],
    ]);
  });
});

describe('protectLines with a total published elsewhere', () => {
  it('withholds a second part instead of the total', () => {
    const raw = map({ a: 40, b: 4, c: 30, system: 74 });
    const cells = new Map<string, ProtectedCount>(
      [...raw].map(([k, v]) => [k, { value: v, suppressed: false }]),
    );
    cells.set('b', { value: null, suppressed: true, reason: 'small' });
    protectLines(cells, [{ parts: ['a', 'b', 'c'], total: 'system', publishedTotal: true }], raw);
    expect(cells.get('c')?.suppressed).toBe(true);
    expect(cells.get('a')?.suppressed).toBe(false);
  });
});
