import { ODS_CODE_PATTERN, ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES } from './organisations';
import { ROLE_LABELS, ROLES } from './roles';

describe('ODS code pattern', () => {
  it.each(['Y60', 'QK1', 'RWE', 'RT5', 'A81001', 'RX9AB'])('accepts the real code %s', (code) =>
    expect(ODS_CODE_PATTERN.test(code)).toBe(true),
  );
  it.each(['rwe', 'R!X', 'AB', 'TOOLONG1', ' RWE', 'RW E', ''])('rejects %p', (code) =>
    expect(ODS_CODE_PATTERN.test(code)).toBe(false),
  );
});

describe('labels', () => {
  it('give every organisation type and role a human label', () => {
    expect(ORGANISATION_TYPES.every((type) => ORGANISATION_TYPE_LABELS[type].length > 0)).toBe(true);
    expect(ROLES.every((role) => ROLE_LABELS[role].length > 0)).toBe(true);
  });
});
