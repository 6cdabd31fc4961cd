import { IMPORT_KIND_OPTIONS } from './imports.model';

describe('import kinds', () => {
  it('tells a lead before they upload that finished statuses need a finished cohort', () => {
    const enrolments = IMPORT_KIND_OPTIONS.find((option) => option.value === 'enrolments');
    expect(enrolments?.hint).toContain(
      "A status of completed or did-not-complete only once the cohort's last session has ended.",
    );
  });
});
