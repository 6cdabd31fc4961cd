import { convertToParamMap } from '@angular/router';
import { calendarEntry } from '../../../testing/fixtures';
import { calendarStateFrom, calendarWeeks, entriesByLondonDay, periodOf, toParams } from './calendar.model';

const TODAY = '2027-03-10';

describe('calendar model', () => {
  describe('reading the address', () => {
    it('defaults to the month view of the current month, without filters', () => {
      expect(calendarStateFrom(convertToParamMap({}), TODAY)).toEqual({
        view: 'month',
        from: '2027-03-01',
        filters: { system: '', cohortId: '', kind: '', facilitatorId: '' },
      });
    });

    it('starts a month on the 1st, a week on Monday, and a list where asked', () => {
      const from = (view: string) =>
        calendarStateFrom(convertToParamMap({ view, from: '2027-03-25' }), TODAY).from;
      expect(from('month')).toBe('2027-03-01');
      expect(from('week')).toBe('2027-03-22');
      expect(from('list')).toBe('2027-03-25');
    });

    it('ignores an unknown view, a date that does not exist and an unknown kind', () => {
      const state = calendarStateFrom(
        convertToParamMap({ view: 'year', from: '2027-02-30', kind: 'party', system: ' qk1 ' }),
        TODAY,
      );
      expect(state.view).toBe('month');
      expect(state.from).toBe('2027-03-01');
      expect(state.filters).toEqual({ system: 'QK1', cohortId: '', kind: '', facilitatorId: '' });
    });
  });

  describe('periods and the previous/next links', () => {
    it('moves a month at a time in the month view', () => {
      expect(periodOf('month', '2027-03-01')).toEqual({
        from: '2027-03-01',
        to: '2027-04-01',
        label: 'March 2027',
        previous: '2027-02-01',
        next: '2027-04-01',
        previousLabel: 'February 2027',
        nextLabel: 'April 2027',
      });
      expect(periodOf('month', '2027-01-01').previousLabel).toBe('December 2026');
    });

    it('moves a week at a time in the week view, naming both months when a week spans two', () => {
      expect(periodOf('week', '2027-03-29')).toMatchObject({
        from: '2027-03-29',
        to: '2027-04-05',
        label: '29 March to 4 April 2027',
        previous: '2027-03-22',
        previousLabel: '22 to 28 March 2027',
        next: '2027-04-05',
        nextLabel: '5 to 11 April 2027',
      });
      expect(periodOf('week', '2026-12-28').label).toBe('28 December 2026 to 3 January 2027');
    });

    it('lists a month from the start date', () => {
      expect(periodOf('list', '2027-03-01')).toMatchObject({ to: '2027-04-01', label: 'March 2027' });
      expect(periodOf('list', '2027-03-15')).toMatchObject({
        to: '2027-04-15',
        label: '15 March to 14 April 2027',
        previous: '2027-02-15',
      });
    });

    it('keeps the filters in links and leaves empty ones out', () => {
      expect(
        toParams('week', '2027-03-22', { system: 'QK1', cohortId: '', kind: 'workshop', facilitatorId: '' }),
      ).toEqual({
        view: 'week',
        from: '2027-03-22',
        system: 'QK1',
        kind: 'workshop',
      });
    });
  });

  describe('placing sessions on London days', () => {
    it('uses the London date, not the UTC one: 00:30 BST is still the same London day', () => {
      // 00:30 on 15 June in London is 23:30 on 14 June in UTC.
      const lateNight = calendarEntry({
        sessionId: 'a',
        startsAt: '2027-06-14T23:30:00Z',
        endsAt: '2027-06-15T00:30:00Z',
      });
      // 23:30 on 14 June in London is 22:30 UTC: the same day either way.
      const evening = calendarEntry({
        sessionId: 'b',
        startsAt: '2027-06-14T22:30:00Z',
        endsAt: '2027-06-14T23:00:00Z',
      });
      const byDay = entriesByLondonDay([lateNight, evening]);
      expect(byDay.get('2027-06-15')?.map((e) => e.sessionId)).toEqual(['a']);
      expect(byDay.get('2027-06-14')?.map((e) => e.sessionId)).toEqual(['b']);
    });

    it('builds Monday-to-Sunday weeks for March 2027 with each session on its day, in time order', () => {
      const day1 = calendarEntry({ sessionId: 'day1', startsAt: '2027-03-25T09:00:00+00:00' });
      const early = calendarEntry({ sessionId: 'early', startsAt: '2027-03-25T08:00:00+00:00' });
      // The clocks go forward on 28 March: 09:00 BST on 30 March is 08:00 UTC.
      const day2 = calendarEntry({ sessionId: 'day2', startsAt: '2027-03-30T08:00:00Z' });
      const nightAfterChange = calendarEntry({ sessionId: 'night', startsAt: '2027-03-28T23:30:00Z' });
      const weeks = calendarWeeks(
        'month',
        periodOf('month', '2027-03-01'),
        [day1, day2, early, nightAfterChange],
        TODAY,
      );

      expect(weeks).toHaveLength(5);
      expect(weeks.map((week) => week[0].date)).toEqual([
        '2027-03-01',
        '2027-03-08',
        '2027-03-15',
        '2027-03-22',
        '2027-03-29',
      ]);
      const day = (date: string) => weeks.flat().find((d) => d.date === date);
      expect(day('2027-03-25')?.entries.map((e) => e.sessionId)).toEqual(['early', 'day1']);
      expect(day('2027-03-30')?.entries.map((e) => e.sessionId)).toEqual(['day2']);
      expect(day('2027-03-29')?.entries.map((e) => e.sessionId)).toEqual(['night']);
      expect(day('2027-03-28')?.entries).toEqual([]);
      expect(day('2027-03-10')?.isToday).toBe(true);
      // The last week runs into April; those days are outside the month.
      expect(weeks[4].map((d) => [d.day, d.inPeriod])).toEqual([
        [29, true],
        [30, true],
        [31, true],
        [1, false],
        [2, false],
        [3, false],
        [4, false],
      ]);
    });

    it('gives a week view one week', () => {
      const weeks = calendarWeeks('week', periodOf('week', '2027-03-29'), [], TODAY);
      expect(weeks).toHaveLength(1);
      expect(weeks[0].every((d) => d.inPeriod)).toBe(true);
      expect(weeks[0][6].date).toBe('2027-04-04');
    });
  });
});
