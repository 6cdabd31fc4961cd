import {
  formatClockTime,
  formatLongDate,
  formatLondonDateTime,
  formatLondonRange,
  londonDate,
  londonIso,
  startOfWeek,
} from './london-time';

describe('London time helpers', () => {
  it('writes times the NHS way', () => {
    expect(['09:00', '16:30', '12:00', '00:00', '12:30', '00:15'].map(formatClockTime)).toEqual([
      '9:00am',
      '4:30pm',
      'midday',
      'midnight',
      '12:30pm',
      '12:15am',
    ]);
  });

  it('writes dates with the weekday', () => {
    expect(formatLongDate('2027-03-25')).toBe('Thursday 25 March 2027');
  });

  it('shows a session in London time, naming both days when it crosses midnight', () => {
    expect(formatLondonRange('2027-03-25T09:00:00+00:00', '2027-03-25T16:30:00Z')).toBe(
      'Thursday 25 March 2027, 9:00am to 4:30pm',
    );
    expect(formatLondonRange('2027-07-01T08:00:00Z', '2027-07-01T15:30:00Z')).toBe(
      'Thursday 1 July 2027, 9:00am to 4:30pm',
    );
    expect(formatLondonRange('2027-07-01T21:00:00Z', '2027-07-01T23:30:00Z')).toBe(
      'Thursday 1 July 2027, 10:00pm to Friday 2 July 2027, 12:30am',
    );
  });

  it('writes an instant as a London time and date', () => {
    expect(formatLondonDateTime('2027-07-01T08:00:00Z')).toBe('9:00am on Thursday 1 July 2027');
    expect(formatLondonDateTime('2027-01-14T12:00:00Z')).toBe('midday on Thursday 14 January 2027');
  });

  it('reads dates and times as London time', () => {
    expect(londonDate('2027-06-14T23:30:00Z')).toBe('2027-06-15');
    expect(londonIso('2027-06-15', '00:30')).toBe('2027-06-15T00:30:00+01:00');
    expect(londonIso('2027-01-15', '00:30')).toBe('2027-01-15T00:30:00+00:00');
  });

  it('finds the Monday of a week', () => {
    expect(startOfWeek('2027-03-28')).toBe('2027-03-22');
    expect(startOfWeek('2027-03-29')).toBe('2027-03-29');
  });
});
