import { isCalendarDate } from './is-calendar-date';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2022-09-19', '2027-12-31'])('accepts %s', (value) =>
    expect(isCalendarDate(value)).toBe(true),
  );
  it.each(['2023-02-29', '2023-13-01', '19/09/2022', '2022-9-19', '', 20220919, null, '1800-01-01'])(
    'rejects %s',
    (value) => expect(isCalendarDate(value)).toBe(false),
  );
});
