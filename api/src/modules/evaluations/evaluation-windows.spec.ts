import { evaluationWindow, sessionFeedbackWindow, windowState } from './evaluation-windows';

const times = {
  enrolledAt: new Date('2027-02-01T10:00:00Z'),
  firstStart: new Date('2027-03-25T09:00:00Z'),
  lastSetEnd: new Date('2027-08-26T10:30:00Z'),
  lastEnd: new Date('2027-09-23T12:30:00Z'),
};

describe('evaluation windows', () => {
  it('keeps pre open from sign-up until the workshop starts', () => {
    const window = evaluationWindow('pre', times);
    expect(windowState(window, new Date('2027-03-25T08:59:00Z'))).toBe('open');
    expect(windowState(window, new Date('2027-03-25T09:00:00Z'))).toBe('closed');
  });

  it('opens post when the fifth action learning set ends, for six weeks', () => {
    const window = evaluationWindow('post', times);
    expect(windowState(window, new Date('2027-08-26T10:00:00Z'))).toBe('not-yet-open');
    expect(windowState(window, new Date('2027-08-26T10:31:00Z'))).toBe('open');
    expect(window.closesAt?.toISOString()).toBe('2027-10-07T10:30:00.000Z');
  });

  it('opens follow-up three months after post opens, for four weeks', () => {
    const window = evaluationWindow('follow-up', times);
    expect(window.opensAt?.toISOString()).toBe('2027-11-25T10:30:00.000Z');
    expect(window.closesAt?.toISOString()).toBe('2027-12-23T10:30:00.000Z');
  });

  it('falls back to the last session when there are no sets, and stays shut when nothing is scheduled', () => {
    expect(evaluationWindow('post', { ...times, lastSetEnd: null }).opensAt).toEqual(times.lastEnd);
    expect(
      windowState(evaluationWindow('post', { ...times, lastSetEnd: null, lastEnd: null }), new Date()),
    ).toBe('not-yet-open');
  });
});

describe('session feedback window', () => {
  it('opens when the session ends and closes 14 days later', () => {
    const window = sessionFeedbackWindow(new Date('2027-05-13T15:30:00Z'));
    expect(windowState(window, new Date('2027-05-13T15:29:00Z'))).toBe('not-yet-open');
    expect(windowState(window, new Date('2027-05-27T15:29:00Z'))).toBe('open');
    expect(windowState(window, new Date('2027-05-27T15:30:00Z'))).toBe('closed');
  });
});
