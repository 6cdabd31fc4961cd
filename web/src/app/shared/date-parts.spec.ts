import {
  checkDateParts,
  datePartsFromForm,
  datePartsToIso,
  EMPTY_DATE,
  isoToDateParts,
  missingDateParts,
} from './date-parts';

const date = (day: string, month: string, year: string) => ({ day, month, year });

describe('NHS date input parts', () => {
  it('reads day, month and year as a date: empty, a real date, or not a date', () => {
    expect(datePartsToIso(date('', ' ', ''))).toBe('');
    expect(datePartsToIso(date('1', '4', '2024'))).toBe('2024-04-01');
    expect(datePartsToIso(date(' 05 ', '03', '2027'))).toBe('2027-03-05');
    expect(datePartsToIso(date('29', '2', '2028'))).toBe('2028-02-29');
    expect(datePartsToIso(date('29', '2', '2027'))).toBeNull();
    expect(datePartsToIso(date('30', '2', '2024'))).toBeNull();
    expect(datePartsToIso(date('1', '13', '2024'))).toBeNull();
    expect(datePartsToIso(date('1', '4', '24'))).toBeNull();
    expect(datePartsToIso(date('first', '4', '2024'))).toBeNull();
  });

  it('shows a date from the API in the boxes without leading zeros', () => {
    expect(isoToDateParts('2027-03-05')).toEqual(date('5', '3', '2027'));
    expect(isoToDateParts('')).toEqual(EMPTY_DATE);
    expect(isoToDateParts('5/3/2027')).toEqual(EMPTY_DATE);
    expect(isoToDateParts(null)).toEqual(EMPTY_DATE);
  });

  it('knows which boxes a part-filled date is missing', () => {
    expect(missingDateParts(EMPTY_DATE)).toEqual([]);
    expect(missingDateParts(date('5', '', '2027'))).toEqual(['month']);
    expect(missingDateParts(date('5', '', ''))).toEqual(['month', 'year']);
    expect(missingDateParts(date('5', '3', '2027'))).toEqual([]);
  });

  it('names the field in every message', () => {
    expect(checkDateParts('startDate', 'start date', EMPTY_DATE)).toEqual({
      ok: false,
      error: { field: 'startDate', text: 'Enter the start date' },
    });
    expect(checkDateParts('startDate', 'start date', date('31', '2', '2027'))).toEqual({
      ok: false,
      error: { field: 'startDate', text: 'Start date must be a real date' },
    });
    expect(checkDateParts('startDate', 'start date', date('31', '', '2027'))).toEqual({
      ok: false,
      error: { field: 'startDate', text: 'Start date must include a month' },
    });
    expect(checkDateParts('startDate', 'start date', date('', '', '2027'))).toEqual({
      ok: false,
      error: { field: 'startDate', text: 'Start date must include a day and month' },
    });
    expect(checkDateParts('startDate', 'start date', date('15', '3', '2027'))).toEqual({
      ok: true,
      iso: '2027-03-15',
    });
  });

  it('lets an optional date be left empty, but not half filled in', () => {
    expect(checkDateParts('startFrom', 'cohorts starting from', EMPTY_DATE, { optional: true })).toEqual({
      ok: true,
      iso: '',
    });
    expect(
      checkDateParts('startFrom', 'cohorts starting from', date('1', '4', ''), { optional: true }),
    ).toEqual({
      ok: false,
      error: { field: 'startFrom', text: 'Cohorts starting from must include a year' },
    });
  });

  it('reads the boxes of a plain form by their names', () => {
    const data = new FormData();
    data.set('startFrom-day', ' 1 ');
    data.set('startFrom-month', '4');
    data.set('startFrom-year', '2027');
    expect(datePartsFromForm(data, 'startFrom')).toEqual(date('1', '4', '2027'));
    expect(datePartsFromForm(data, 'startTo')).toEqual(EMPTY_DATE);
  });
});
