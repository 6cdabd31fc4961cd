import { ROLE_SCOPE_KINDS, ROLES, roleIsScoped, scopeCovers } from './roles';

describe('grant scopes', () => {
  const QWU = 'icb-qwu';
  const QK1 = 'icb-qk1';
  const coventryTrust = 'org-rkb';
  const leicesterTrust = 'org-rwe';
  const systemOf = new Map<string, string | null>([
    [QWU, null],
    [QK1, null],
    [coventryTrust, QWU],
    [leicesterTrust, QK1],
  ]);

  it('gives staff grants a scope and leaves delegates and line managers without one', () => {
    expect(ROLES.filter(roleIsScoped)).toEqual(['programme-lead', 'facilitator', 'sponsor', 'steering']);
    expect(ROLE_SCOPE_KINDS.sponsor).toEqual(['organisation']);
  });

  it('lets a regional scope cover every system and organisation', () => {
    expect(scopeCovers({ kind: 'region' }, QK1, systemOf)).toBe(true);
    expect(scopeCovers({ kind: 'region' }, coventryTrust, systemOf)).toBe(true);
  });

  it('lets a system scope cover the ICB itself and its organisations, and nothing of another system', () => {
    const scope = { kind: 'system', organisationId: QWU } as const;
    expect(scopeCovers(scope, QWU, systemOf)).toBe(true);
    expect(scopeCovers(scope, coventryTrust, systemOf)).toBe(true);
    expect(scopeCovers(scope, QK1, systemOf)).toBe(false);
    expect(scopeCovers(scope, leicesterTrust, systemOf)).toBe(false);
  });

  it('lets an organisation scope cover that organisation only, not its system', () => {
    const scope = { kind: 'organisation', organisationId: coventryTrust } as const;
    expect(scopeCovers(scope, coventryTrust, systemOf)).toBe(true);
    expect(scopeCovers(scope, QWU, systemOf)).toBe(false);
  });
});
