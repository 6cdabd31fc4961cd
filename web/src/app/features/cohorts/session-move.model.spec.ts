import { isoToDateParts } from '../../shared/date-parts';
import { buildMoveRequest, MOVE_MESSAGES } from './session-move.model';

const move = (date: string, startTime: string, endTime: string, reason = '') =>
  buildMoveRequest({ date: isoToDateParts(date), startTime, endTime, reason });

describe('buildMoveRequest', () => {
  it('reads the times as London time: GMT (+00:00) before the clocks go forward on 28 March 2027', () => {
    expect(move('2027-03-26', '09:00', '16:30')).toEqual({
      ok: true,
      request: { startsAt: '2027-03-26T09:00:00+00:00', endsAt: '2027-03-26T16:30:00+00:00' },
    });
  });

  it('uses BST (+01:00) from 28 March 2027 on, whatever the time zone of the browser', () => {
    expect(move('2027-03-29', '09:00', '12:30', ' Room double-booked ')).toEqual({
      ok: true,
      request: {
        startsAt: '2027-03-29T09:00:00+01:00',
        endsAt: '2027-03-29T12:30:00+01:00',
        reason: 'Room double-booked',
      },
    });
  });

  it('switches offset within 28 March 2027 itself: before 01:00 GMT, after it BST', () => {
    const request = move('2027-03-28', '00:30', '09:00');
    expect(request).toEqual({
      ok: true,
      request: { startsAt: '2027-03-28T00:30:00+00:00', endsAt: '2027-03-28T09:00:00+01:00' },
    });
  });

  it('goes back to GMT after 31 October 2027', () => {
    expect(move('2027-11-01', '10:00', '11:30')).toMatchObject({
      request: { startsAt: '2027-11-01T10:00:00+00:00', endsAt: '2027-11-01T11:30:00+00:00' },
    });
  });

  it('asks for every field and an end after the start', () => {
    expect(move('', '', '')).toEqual({
      ok: false,
      errors: [
        { field: 'date', text: MOVE_MESSAGES.dateRequired },
        { field: 'startTime', text: MOVE_MESSAGES.startRequired },
        { field: 'endTime', text: MOVE_MESSAGES.endRequired },
      ],
    });
    expect(move('2027-02-30', '10:00', '09:00')).toEqual({
      ok: false,
      errors: [
        { field: 'date', text: MOVE_MESSAGES.dateInvalid },
        { field: 'endTime', text: MOVE_MESSAGES.endBeforeStart },
      ],
    });
  });
});
