import {
  checkFacilitatorChanges,
  checkNewFacilitator,
  FACILITATOR_MESSAGES,
  parseDates,
} from './facilitator-form.model';

const value = {
  email: ' tom@example.nhs.uk ',
  level: 'co-facilitator',
  sessionKinds: ['workshop'],
  active: true,
  unavailableDates: '',
};

describe('facilitator form', () => {
  it('reads one date a line, sorted, without repeats or blank lines', () => {
    expect(parseDates('2027-04-02\n\n 2027-03-29 \r\n2027-04-02')).toEqual({
      dates: ['2027-03-29', '2027-04-02'],
      error: null,
    });
    expect(parseDates('2027-03-29\n29/03/2027').error).toBe(
      'Line 2 ("29/03/2027") is not a date. Enter dates like 2027-03-25, one a line',
    );
  });

  it('asks for an email, a level and at least one kind of session for a new facilitator', () => {
    expect(checkNewFacilitator(value)).toEqual({
      ok: true,
      request: { email: 'tom@example.nhs.uk', level: 'co-facilitator', sessionKinds: ['workshop'] },
    });
    expect(checkNewFacilitator({ ...value, email: 'tom', level: '', sessionKinds: [] })).toEqual({
      ok: false,
      errors: [
        { field: 'email', text: FACILITATOR_MESSAGES.emailInvalid },
        { field: 'level', text: FACILITATOR_MESSAGES.levelRequired },
        { field: 'sessionKinds', text: FACILITATOR_MESSAGES.kindsRequired },
      ],
    });
  });

  it('sends level, kinds, active and unavailable dates when editing', () => {
    expect(checkFacilitatorChanges({ ...value, active: false, unavailableDates: '2027-03-29' })).toEqual({
      ok: true,
      request: {
        level: 'co-facilitator',
        sessionKinds: ['workshop'],
        active: false,
        unavailableDates: ['2027-03-29'],
      },
    });
  });
});
