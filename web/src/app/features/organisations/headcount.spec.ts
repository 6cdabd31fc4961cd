import { EMPTY_DATE } from '../../shared/date-parts';
import { checkHeadcount, HEADCOUNT_MESSAGES } from './headcount';

const TODAY = '2026-12-06';
const date = (day: string, month: string, year: string) => ({ day, month, year });

describe('checkHeadcount', () => {
  it('takes a headcount with the date the staff were counted, commas allowed', () => {
    expect(checkHeadcount('18,150', date('31', '3', '2026'), TODAY)).toEqual({
      headcount: 18150,
      headcountAsOf: '2026-03-31',
      problems: [],
    });
  });

  it('clears both when both are empty', () => {
    expect(checkHeadcount('  ', EMPTY_DATE, TODAY)).toEqual({
      headcount: null,
      headcountAsOf: null,
      problems: [],
    });
  });

  it('asks for the date with a headcount, and a headcount with a date', () => {
    expect(checkHeadcount('6080', EMPTY_DATE, TODAY).problems).toEqual([
      { field: 'headcountAsOf', text: HEADCOUNT_MESSAGES.asOfRequired },
    ]);
    expect(checkHeadcount('', date('31', '3', '2026'), TODAY).problems).toEqual([
      { field: 'headcount', text: HEADCOUNT_MESSAGES.headcountRequired },
    ]);
  });

  it('refuses a date that is not real or is in the future, and a headcount out of range', () => {
    expect(checkHeadcount('100', date('30', '2', '2026'), TODAY).problems).toEqual([
      { field: 'headcountAsOf', text: HEADCOUNT_MESSAGES.asOfInvalid },
    ]);
    expect(checkHeadcount('100', date('7', '12', '2026'), TODAY).problems).toEqual([
      { field: 'headcountAsOf', text: HEADCOUNT_MESSAGES.asOfFuture },
    ]);
    expect(checkHeadcount('100', date('6', '12', '2026'), TODAY).problems).toEqual([]);
    for (const text of ['0', '12.5', 'lots', '2000001'])
      expect(checkHeadcount(text, date('1', '4', '2026'), TODAY).problems).toEqual([
        { field: 'headcount', text: HEADCOUNT_MESSAGES.headcountInvalid },
      ]);
  });
});
