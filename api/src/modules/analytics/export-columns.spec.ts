import { ANALYTICS_EXPORT_TABLES } from '@upstand/contracts';
import { readFileSync } from 'fs';
import { join } from 'path';
import { EXPORT_COLUMNS, MATCHED_CODEBOOK_COLUMNS, MATCHED_RESPONSE_COLUMNS } from './export-columns';

/**
 * The README's "Impact exports" section is how an analyst learns what a column means, so it must name exactly the
 * columns each export writes, in order.
 */
const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
const section = readme.split(/^## /m).find((part) => part.startsWith('Impact exports\n')) ?? '';

/** The first-column names of each markdown table under a `### …` heading starting with `heading`. */
function documentedColumns(heading: string): string[][] {
  const part = section.split(/^### /m).find((text) => text.startsWith(heading)) ?? '';
  const tables: string[][] = [];
  let current: string[] | null = null;
  for (const line of part.split('\n')) {
    const cell = /^\|\s*([^|]+?)\s*\|/.exec(line)?.[1];
    if (!cell) {
      current = null;
      continue;
    }
    if (!current)
      tables.push((current = [])); // the heading row
    else if (!/^-+$/.test(cell)) current.push(...expand(cell));
  }
  return tables;
}

/** "`from_share_1` … `from_share_5`" stands for the five columns between. */
function expand(cell: string): string[] {
  const names = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
  const range = /^(.*?)(\d+)$/;
  const [first, last] = [range.exec(names[0] ?? ''), range.exec(names[1] ?? '')];
  if (names.length === 2 && cell.includes('…') && first && last && first[1] === last[1])
    return Array.from(
      { length: Number(last[2]) - Number(first[2]) + 1 },
      (_, i) => `${first[1]}${Number(first[2]) + i}`,
    );
  return names;
}

describe('the README describes every export column', () => {
  it('has an "Impact exports" section', () => {
    expect(section).toContain('withheld');
  });

  it.each(ANALYTICS_EXPORT_TABLES)('lists the columns of the %s table, in order', (table) => {
    expect(documentedColumns(`\`${table}\``)).toEqual([EXPORT_COLUMNS[table].map((column) => column.name)]);
  });

  it('lists the matched export’s response and codebook columns', () => {
    expect(documentedColumns('Matched export')).toEqual([
      [...MATCHED_RESPONSE_COLUMNS, '<stage>.<item_code>'],
      [...MATCHED_CODEBOOK_COLUMNS],
    ]);
  });
});
