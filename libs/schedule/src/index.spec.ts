import * as schedule from './index';

describe('@upstand/schedule public API', () => {
  it.each([
    'englandAndWalesBankHolidays',
    'isBankHoliday',
    'isWorkingDay',
    'nextWorkingDay',
    'onOrNextWorkingDay',
    'addWorkingDays',
    'dayOfWeek',
    'addDays',
    'addMonths',
    'compareDates',
    'isIsoDate',
    'londonWallClockToUtc',
    'utcToLondonWallClock',
    'toIsoWithOffset',
    'nthWeekdayOfMonth',
    'monthlySameWeekday',
    'parseRRule',
    'formatRRule',
    'expandRRule',
    'skipOrMoveHolidays',
    'generateSchedule',
  ])('exports %s', (name) => {
    expect(typeof (schedule as Record<string, unknown>)[name]).toBe('function');
  });

  it('exports the templates', () => {
    expect(schedule.DEFAULT_ACTIVE_BYSTANDER_TEMPLATE.stages).toHaveLength(4);
    expect(schedule.ONE_DAY_WORKSHOP_TEMPLATE.stages).toHaveLength(3);
  });
});
