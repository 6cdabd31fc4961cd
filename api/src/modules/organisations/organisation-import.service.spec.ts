import { normaliseImportDate } from './organisation-import.service';

describe('normaliseImportDate', () => {
  it.each([
    ['01/07/2022', '2022-07-01'],
    ['1/7/2022', '2022-07-01'],
    ['2022-07-01', '2022-07-01'],
    ['31/12/2023', '2023-12-31'],
  ])('reads the UK date %s as %s', (input, expected) => expect(normaliseImportDate(input)).toBe(expected));

  it('leaves anything else alone so validation can name it', () => {
    expect(normaliseImportDate('July 2022')).toBe('July 2022');
  });
});
