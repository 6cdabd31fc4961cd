import { describeSlot, formatLondonDay, formatLondonDayTime } from './staffing.service';

describe('slot descriptions in clash messages', () => {
  it('writes London days GOV.UK style', () => {
    expect(formatLondonDay(new Date('2027-03-25T09:00:00Z'))).toBe('Thursday 25 March 2027');
    // 23:30 UTC on 31 March is already 1 April in London (BST)
    expect(formatLondonDay(new Date('2027-03-31T23:30:00Z'))).toBe('Thursday 1 April 2027');
  });

  it('writes a date without the weekday, and a day with its London time', () => {
    expect(formatLondonDay(new Date('2027-03-25T09:00:00Z'), { weekday: false })).toBe('25 March 2027');
    expect(formatLondonDayTime(new Date('2027-03-30T08:00:00Z'))).toBe('Tuesday 30 March 2027 09:00');
  });

  it('gives London wall-clock times either side of the clock change', () => {
    expect(describeSlot(new Date('2027-03-25T09:00:00Z'), new Date('2027-03-25T16:30:00Z'))).toBe(
      'Thursday 25 March 2027 09:00–16:30',
    );
    expect(describeSlot(new Date('2027-03-30T08:00:00Z'), new Date('2027-03-30T11:30:00Z'))).toBe(
      'Tuesday 30 March 2027 09:00–12:30',
    );
  });
});
