import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  SuppressedCell,
  SuppressedTable,
  suppress,
  suppressBreakdown,
} from './suppression';

/** Mulberry32: a tiny seeded PRNG so the property test is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The published table as an augmented grid (row totals as the last column, column totals as the last row). */
function augmented(result: SuppressedTable): SuppressedCell[][] {
  return [
    ...result.cells.map((row, i) => [...row, result.rowTotals[i]]),
    [...result.columnTotals, result.grandTotal],
  ];
}

function trueAugmented(table: number[][]): number[][] {
  const rows = table.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = rows[0].map((_, j) => rows.reduce((acc, row) => acc + row[j], 0));
  return [...rows, totals];
}

/** Every row and column of the augmented grid: positions, the total last. */
function lines(rows: number, columns: number): [number, number][][] {
  const result: [number, number][][] = [];
  for (let i = 0; i < rows; i++)
    result.push(Array.from({ length: columns }, (_, j): [number, number] => [i, j]));
  for (let j = 0; j < columns; j++)
    result.push(Array.from({ length: rows }, (_, i): [number, number] => [i, j]));
  return result;
}

/** Rank of a small dense matrix by Gaussian elimination with partial pivoting. */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  const columns = m.length === 0 ? 0 : m[0].length;
  let r = 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[pivot][c])) pivot = i;
    if (Math.abs(m[pivot][c]) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = r + 1; i < m.length; i++) {
      const factor = m[i][c] / m[r][c];
      for (let k = c; k < columns; k++) m[i][k] -= factor * m[r][k];
    }
    r++;
  }
  return r;
}

/**
 * Withheld entries that the published equations pin down exactly (over the reals): entry k is
 * determined iff the unit vector e_k lies in the row space of the equations restricted to the
 * withheld entries. Independent of the bridge argument used by the implementation.
 */
function determinedEntries(published: SuppressedCell[][]): [number, number][] {
  const rows = published.length;
  const columns = published[0].length;
  const unknowns: [number, number][] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      if (published[i][j].suppressed) {
        index.set(`${i},${j}`, unknowns.length);
        unknowns.push([i, j]);
      }
    }
  }
  const equations = lines(rows, columns).map((line) => {
    const coefficients = new Array<number>(unknowns.length).fill(0);
    line.forEach(([i, j], position) => {
      const k = index.get(`${i},${j}`);
      if (k !== undefined) coefficients[k] = position === line.length - 1 ? -1 : 1;
    });
    return coefficients;
  });
  const base = rank(equations);
  return unknowns.filter((_, k) => {
    const unit = new Array<number>(unknowns.length).fill(0);
    unit[k] = 1;
    return rank([...equations, unit]) === base;
  });
}

/** The check the brief asks for: a withheld entry whose line has every other entry published. */
function recoverableBySubtraction(published: SuppressedCell[][]): [number, number][] {
  const recoverable: [number, number][] = [];
  for (const line of lines(published.length, published[0].length)) {
    const withheld = line.filter(([i, j]) => published[i][j].suppressed);
    if (withheld.length === 1) recoverable.push(withheld[0]);
  }
  return recoverable;
}

function values(cells: SuppressedCell[]): (number | null)[] {
  return cells.map((c) => c.value);
}

describe('suppress (two-way tables)', () => {
  it('withholds a small cell and protects it in its row and column', () => {
    // threshold 10: 3 is withheld; row 0 then has one withheld cell → its smallest other cell (15);
    // column 1 → 25 (cell preferred over the total 28); column 2 → 30. The four withheld cells form
    // a rectangle: x01 + x02 = 18, x11 + x12 = 55, x01 + x11 = 28, x02 + x12 = 45 has rank 3.
    const result = suppress([
      [20, 3, 15],
      [12, 25, 30],
    ]);
    expect(result.threshold).toBe(DEFAULT_SUPPRESSION_THRESHOLD);
    expect(result.cells).toEqual([
      [
        { value: 20, suppressed: false },
        { value: null, suppressed: true, reason: 'small' },
        { value: null, suppressed: true, reason: 'secondary' },
      ],
      [
        { value: 12, suppressed: false },
        { value: null, suppressed: true, reason: 'secondary' },
        { value: null, suppressed: true, reason: 'secondary' },
      ],
    ]);
    expect(values(result.rowTotals)).toEqual([38, 67]);
    expect(values(result.columnTotals)).toEqual([32, 28, 45]);
    expect(result.grandTotal).toEqual({ value: 105, suppressed: false });
    expect(determinedEntries(augmented(result))).toEqual([]);
  });

  it('publishes a table with nothing small unchanged', () => {
    const result = suppress([
      [10, 0, 25],
      [40, 12, 0],
    ]);
    expect(result.cells.flat().every((c) => !c.suppressed)).toBe(true);
    expect(values(result.cells[0])).toEqual([10, 0, 25]);
    expect(values(result.rowTotals)).toEqual([35, 52]);
  });

  it('closes the multi-line differencing gap that the one-line rule leaves open', () => {
    // Small cells form two 2×2 blocks joined by the single small cell (0, 2) = 2. Every row and
    // column then already has two or more withheld entries, yet (0, 2) is a bridge:
    //   x02 = (row 0 − 50) + (row 1 − 100) − (col 0 − 65) − (col 1 − 100) = 9 + 11 − 8 − 10 = 2.
    // One more cell joining the two sides is withheld: the smallest of (0,3)=50, (1,2)=40,
    // (1,3)=60, (2,0)=30, (2,1)=45, (3,0)=35, (3,1)=55, i.e. (2, 0) = 30.
    const table = [
      [3, 4, 2, 50],
      [5, 6, 40, 60],
      [30, 45, 7, 8],
      [35, 55, 9, 4],
    ];
    const result = suppress(table);
    const secondary = result.cells.flatMap((row, i) =>
      row.flatMap((cell, j) => (cell.reason === 'secondary' ? [[i, j]] : [])),
    );
    expect(secondary).toEqual([[2, 0]]);
    expect(result.rowTotals.every((c) => !c.suppressed)).toBe(true);
    expect(result.columnTotals.every((c) => !c.suppressed)).toBe(true);
    expect(determinedEntries(augmented(result))).toEqual([]);
    expect(recoverableBySubtraction(augmented(result))).toEqual([]);
  });

  it('withholds zeros and totals in a row whose total is small', () => {
    // Row 0 describes 7 people: its total, its 4 and 3 and its 0 are all withheld ('small'), then
    // each column and the row-total column need a second withheld entry.
    const result = suppress([
      [0, 4, 3],
      [15, 20, 12],
    ]);
    expect(result.cells[0].map((c) => c.reason)).toEqual(['small', 'small', 'small']);
    expect(result.rowTotals[0]).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(result.cells[1].map((c) => c.reason)).toEqual(['secondary', 'secondary', 'secondary']);
    expect(result.rowTotals[1]).toEqual({ value: null, suppressed: true, reason: 'secondary' });
    expect(values(result.columnTotals)).toEqual([15, 24, 15]);
    expect(result.grandTotal.value).toBe(54);
    expect(determinedEntries(augmented(result))).toEqual([]);
  });

  it('suppresses small totals', () => {
    const result = suppress([[3], [4]]);
    expect(result.cells.flat().every((c) => c.suppressed)).toBe(true);
    expect(result.grandTotal).toEqual({ value: null, suppressed: true, reason: 'small' });
  });

  it('enforces the threshold floor of 5 and integer thresholds', () => {
    expect(() => suppress([[1]], { threshold: 4 })).toThrow(/below 5/);
    expect(() => suppress([[1]], { threshold: 0 })).toThrow(RangeError);
    expect(() => suppress([[1]], { threshold: 7.5 })).toThrow(RangeError);
    // the NHS "1–7 withheld" rule is threshold 8
    expect(suppress([[8, 20]], { threshold: 8 }).cells[0].every((c) => !c.suppressed)).toBe(true);
    const nhs = suppress([[8, 7, 20]], { threshold: 8 });
    expect(nhs.cells[0][1].reason).toBe('small');
    expect(nhs.cells[0][0].reason).toBe('secondary'); // 8 is not small, only withheld to protect the 7
  });

  it('validates the table', () => {
    expect(() => suppress([])).toThrow(RangeError);
    expect(() => suppress([[]])).toThrow(RangeError);
    expect(() => suppress([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppress([[1, -2]])).toThrow(RangeError);
    expect(() => suppress([[1, 2.5]])).toThrow(RangeError);
  });

  it('property: 500 random small tables leak nothing', () => {
    const random = mulberry32(20240221);
    const thresholds = [5, 8, 10];
    let withheldTotal = 0;
    for (let trial = 0; trial < 500; trial++) {
      const rows = 1 + Math.floor(random() * 5);
      const columns = 1 + Math.floor(random() * 5);
      const table = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => {
          const u = random();
          if (u < 0.2) return 0;
          if (u < 0.55) return 1 + Math.floor(random() * 9);
          return 10 + Math.floor(random() * 50);
        }),
      );
      const threshold = thresholds[trial % thresholds.length];
      const result = suppress(table, { threshold });
      const published = augmented(result);
      const truth = trueAugmented(table);
      const context = `trial ${trial}: ${JSON.stringify(table)} threshold ${threshold}`;

      published.forEach((row, i) =>
        row.forEach((cell, j) => {
          if (cell.suppressed) {
            withheldTotal++;
            // withheld cells carry no value and say why
            if (cell.value !== null || cell.reason === undefined)
              throw new Error(`bad withheld cell in ${context}`);
          } else {
            // published values are the true values, and no published non-zero count is small
            if (cell.value !== truth[i][j]) throw new Error(`wrong published value in ${context}`);
            if (cell.value >= 1 && cell.value < threshold)
              throw new Error(`small value published in ${context}`);
          }
        }),
      );
      // no published zero in a row or column whose total is small
      for (const line of lines(rows + 1, columns + 1)) {
        const [ti, tj] = line[line.length - 1];
        const total = truth[ti][tj];
        if (total >= 1 && total < threshold) {
          for (const [i, j] of line) {
            if (truth[i][j] === 0 && !published[i][j].suppressed)
              throw new Error(`zero in small line in ${context}`);
          }
        }
      }
      // no withheld entry recoverable by subtraction from its published row/column total and the
      // other published entries of that row/column
      const bySubtraction = recoverableBySubtraction(published);
      if (bySubtraction.length > 0)
        throw new Error(`recoverable ${JSON.stringify(bySubtraction)} in ${context}`);
      // stronger: nor by any linear combination of published rows, columns and totals
      const determined = determinedEntries(published);
      if (determined.length > 0) throw new Error(`determined ${JSON.stringify(determined)} in ${context}`);
    }
    expect(withheldTotal).toBeGreaterThan(1000); // the generator really exercises suppression
  });

  it('copes with a larger table quickly', () => {
    const random = mulberry32(7);
    const table = Array.from({ length: 40 }, () =>
      Array.from({ length: 8 }, () =>
        random() < 0.3 ? Math.floor(random() * 10) : 10 + Math.floor(random() * 90),
      ),
    );
    const started = Date.now();
    const result = suppress(table);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(recoverableBySubtraction(augmented(result))).toEqual([]);
  });
});

describe('suppressBreakdown (one-way)', () => {
  it('withholds a small category and the next-smallest non-zero one; zero stays visible', () => {
    // respondents by ethnic group, threshold 10: 3 is withheld, then 14 so 3 cannot be derived
    const result = suppressBreakdown([25, 3, 14, 0, 40]);
    expect(values(result.counts)).toEqual([25, null, null, 0, 40]);
    expect(result.counts[1].reason).toBe('small');
    expect(result.counts[2].reason).toBe('secondary');
    expect(result.total).toEqual({ value: 82, suppressed: false });
  });

  it('small totals, and a partner when only one other category exists', () => {
    // [0, 3, 0]: the total 3 is small → everything, zeros included, withheld as small
    const result = suppressBreakdown([0, 3, 0], { threshold: 5 });
    expect(result.counts.every((c) => c.suppressed && c.reason === 'small')).toBe(true);
    const withTotal = suppressBreakdown([3, 0, 0, 0], { threshold: 5 });
    expect(withTotal.total.reason).toBe('small');
    const noPartner = suppressBreakdown([7, 12], { threshold: 8 });
    expect(values(noPartner.counts)).toEqual([null, null]);
    expect(noPartner.total.value).toBe(19);
  });

  it('publishes when nothing is small, including all-zero breakdowns', () => {
    expect(values(suppressBreakdown([12, 15]).counts)).toEqual([12, 15]);
    const zeros = suppressBreakdown([0, 0]);
    expect(values(zeros.counts)).toEqual([0, 0]);
    expect(zeros.total.value).toBe(0);
  });

  it('validates', () => {
    expect(() => suppressBreakdown([])).toThrow(RangeError);
    expect(() => suppressBreakdown([1, -1])).toThrow(RangeError);
    expect(() => suppressBreakdown([1], { threshold: 3 })).toThrow(RangeError);
  });

  it('property: no category or total is recoverable and nothing small is shown', () => {
    const random = mulberry32(99);
    for (let trial = 0; trial < 500; trial++) {
      const length = 1 + Math.floor(random() * 8);
      const counts = Array.from({ length }, () => {
        const u = random();
        return u < 0.2 ? 0 : u < 0.5 ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 40);
      });
      const result = suppressBreakdown(counts);
      const line = [...result.counts, result.total];
      const withheld = line.filter((c) => c.suppressed).length;
      if (withheld === 1) throw new Error(`recoverable in ${JSON.stringify(counts)}`);
      for (const c of line) {
        if (c.value !== null && c.value >= 1 && c.value < 10)
          throw new Error(`small shown in ${JSON.stringify(counts)}`);
      }
    }
  });
});
