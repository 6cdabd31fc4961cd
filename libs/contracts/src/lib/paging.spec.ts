import { pageCount, pageOffset, pageSummary } from './paging';

describe('paging', () => {
  it('says which rows a page shows, the way a person reads it', () => {
    expect(pageSummary({ page: 1, pageSize: 25, total: 297 }, 'delegates')).toBe(
      'Showing 1 to 25 of 297 delegates',
    );
    expect(pageSummary({ page: 12, pageSize: 25, total: 297 }, 'delegates')).toBe(
      'Showing 276 to 297 of 297 delegates',
    );
    expect(pageSummary({ page: 1, pageSize: 25, total: 0 }, 'cohorts')).toBe('No cohorts');
    expect(pageSummary({ page: 3, pageSize: 25, total: 30 }, 'cohorts')).toBe(
      'No cohorts on this page (30 in all)',
    );
    expect(pageSummary({ page: 400, pageSize: 25, total: 10_000 }, 'cohorts')).toBe(
      'Showing 9,976 to 10,000 of 10,000 cohorts',
    );
  });

  it('counts pages and offsets from 1', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
    expect(pageOffset(1, 25)).toBe(0);
    expect(pageOffset(3, 50)).toBe(100);
  });
});
