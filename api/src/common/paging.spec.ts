import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { likePattern, PageQueryDto, pageWindow } from './paging';

function errorsFor(query: Record<string, unknown>): string[] {
  const dto = plainToInstance(PageQueryDto, query);
  return validateSync(dto).map((e) => e.property);
}

describe('PageQueryDto', () => {
  it('accepts the page sizes people can choose and refuses a whole table', () => {
    expect(errorsFor({ page: '2', pageSize: '50', q: ' smith ' })).toEqual([]);
    expect(errorsFor({ pageSize: '1000' })).toEqual(['pageSize']);
    expect(errorsFor({ page: '0' })).toEqual(['page']);
    expect(errorsFor({ page: 'x' })).toEqual(['page']);
    expect(errorsFor({ q: 'a'.repeat(201) })).toEqual(['q']);
  });

  it('defaults to the first page of 25 and treats a blank search as none', () => {
    expect(pageWindow({ q: '   ' })).toEqual({ page: 1, pageSize: 25, take: 25, skip: 0, q: undefined });
    expect(pageWindow({ page: 3, pageSize: 50, q: ' Smith ' })).toEqual({
      page: 3,
      pageSize: 50,
      take: 50,
      skip: 100,
      q: 'Smith',
    });
  });
});

describe('likePattern', () => {
  it('makes % and _ in a search match themselves', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(likePattern('smith')).toBe('%smith%');
  });
});
