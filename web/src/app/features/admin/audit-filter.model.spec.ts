import { EMPTY_DATE } from '../../shared/date-parts';
import { AUDIT_FILTER_MESSAGES, checkAuditFilter } from './audit-filter.model';

describe('the audit log filters', () => {
  it('sends only the filters given, dates as YYYY-MM-DD', () => {
    expect(
      checkAuditFilter({
        actor: ' Priya ',
        action: 'User.Invited',
        from: { day: '1', month: '3', year: '2027' },
        to: EMPTY_DATE,
      }),
    ).toEqual({ ok: true, query: { actor: 'Priya', action: 'user.invited', from: '2027-03-01' } });
    expect(checkAuditFilter({ actor: '', action: '', from: EMPTY_DATE, to: EMPTY_DATE })).toEqual({
      ok: true,
      query: {},
    });
  });

  it('names the field of a date that is not real, or days the wrong way round', () => {
    expect(
      checkAuditFilter({
        actor: '',
        action: 'user invited',
        from: { day: '30', month: '2', year: '2027' },
        to: EMPTY_DATE,
      }),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'action', text: AUDIT_FILTER_MESSAGES.action },
        { field: 'from', text: AUDIT_FILTER_MESSAGES.fromInvalid },
      ],
    });
    expect(
      checkAuditFilter({
        actor: '',
        action: '',
        from: { day: '2', month: '3', year: '2027' },
        to: { day: '1', month: '3', year: '2027' },
      }),
    ).toEqual({ ok: false, errors: [{ field: 'to', text: AUDIT_FILTER_MESSAGES.order }] });
  });
});
