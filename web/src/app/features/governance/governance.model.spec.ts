import { checkAction, checkRating, checkReview, GOVERNANCE_MESSAGES } from './governance.model';

const date = (day: string, month: string, year: string) => ({ day, month, year });

describe('governance forms', () => {
  it('checks a review period: a name, real dates and an end on or after the start', () => {
    expect(
      checkReview({ label: ' ', periodStart: date('', '', ''), periodEnd: date('31', '2', '2024') }),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'label', text: GOVERNANCE_MESSAGES.labelRequired },
        { field: 'periodStart', text: GOVERNANCE_MESSAGES.periodStartRequired },
        { field: 'periodEnd', text: GOVERNANCE_MESSAGES.periodEndInvalid },
      ],
    });
    expect(
      checkReview({
        label: '2024 Q1',
        periodStart: date('1', '4', '2024'),
        periodEnd: date('31', '3', '2024'),
      }),
    ).toEqual({
      ok: false,
      errors: [{ field: 'periodEnd', text: GOVERNANCE_MESSAGES.periodEndBeforeStart }],
    });
    expect(
      checkReview({
        label: ' 2024 Q1 ',
        periodStart: date('1', '1', '2024'),
        periodEnd: date('31', '3', '2024'),
      }),
    ).toEqual({
      ok: true,
      request: { label: '2024 Q1', periodStart: '2024-01-01', periodEnd: '2024-03-31' },
    });
  });

  it('asks for a rating and evidence', () => {
    expect(checkRating({ rating: null, evidence: '  ' })).toEqual({
      ok: false,
      errors: [
        { field: 'rating', text: GOVERNANCE_MESSAGES.ratingRequired },
        { field: 'evidence', text: GOVERNANCE_MESSAGES.evidenceRequired },
      ],
    });
    expect(checkRating({ rating: 'amber', evidence: 'x'.repeat(4001) }).ok).toBe(false);
    expect(checkRating({ rating: 'amber', evidence: ' 64% completed ' })).toEqual({
      ok: true,
      request: { rating: 'amber', evidence: '64% completed' },
    });
  });

  it('checks an action and leaves out an area or review that was not chosen', () => {
    const empty = { action: '', owner: '', dueDate: date('', '', ''), area: '', reviewId: '', status: null };
    expect(checkAction(empty)).toEqual({
      ok: false,
      errors: [
        { field: 'action', text: GOVERNANCE_MESSAGES.actionRequired },
        { field: 'owner', text: GOVERNANCE_MESSAGES.ownerRequired },
        { field: 'dueDate', text: GOVERNANCE_MESSAGES.dueDateRequired },
      ],
    });
    expect(
      checkAction({
        ...empty,
        action: 'Run an evening workshop',
        owner: 'Lead',
        dueDate: date('31', '3', '2025'),
      }),
    ).toEqual({
      ok: true,
      request: {
        action: 'Run an evening workshop',
        owner: 'Lead',
        dueDate: '2025-03-31',
        area: null,
        reviewId: null,
        status: null,
      },
    });
  });
});
