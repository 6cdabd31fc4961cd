import { RoleGrant } from '@upstand/contracts';
import {
  coversSystem,
  reachesSystem,
  scopesCoverSystem,
  systemScopeSql,
  visibleSystemIds,
} from './access-scope';

const QWU = 'icb-qwu';
const QK1 = 'icb-qk1';
const regional = (role: RoleGrant['role']): RoleGrant => ({
  role,
  organisationId: null,
  organisationName: null,
  scope: { kind: 'region', odsCode: 'Y60', name: 'NHS England Midlands' },
});
const forSystem = (role: RoleGrant['role'], id: string, odsCode: string): RoleGrant => ({
  role,
  organisationId: id,
  organisationName: odsCode,
  scope: { kind: 'system', odsCode, name: odsCode },
});
const sponsor: RoleGrant = {
  role: 'sponsor',
  organisationId: 'org-rwe',
  organisationName: 'UHL',
  scope: { kind: 'organisation', odsCode: 'RWE', name: 'UHL' },
};

describe('access scope', () => {
  it('lets a regional grant see every system', () => {
    const user = { roles: [regional('programme-lead')] };
    expect(visibleSystemIds(user, ['programme-lead'])).toBeNull();
    expect(coversSystem(user, ['programme-lead'], QK1)).toBe(true);
  });

  it('limits a system grant to its own system', () => {
    const user = { roles: [forSystem('programme-lead', QWU, 'QWU')] };
    expect(visibleSystemIds(user, ['programme-lead'])).toEqual([QWU]);
    expect(coversSystem(user, ['programme-lead'], QWU)).toBe(true);
    expect(coversSystem(user, ['programme-lead'], QK1)).toBe(false);
  });

  it('counts only the grants of the roles asked about', () => {
    const user = { roles: [forSystem('programme-lead', QWU, 'QWU'), regional('steering')] };
    expect(visibleSystemIds(user, ['programme-lead', 'facilitator'])).toEqual([QWU]);
    expect(visibleSystemIds(user, ['steering'])).toBeNull();
    expect(coversSystem(user, ['programme-lead'], QK1)).toBe(false);
  });

  it('takes the widest of several grants', () => {
    const user = { roles: [forSystem('programme-lead', QWU, 'QWU'), regional('facilitator')] };
    expect(visibleSystemIds(user, ['programme-lead', 'facilitator'])).toBeNull();
    const twoSystems = {
      roles: [forSystem('programme-lead', QWU, 'QWU'), forSystem('facilitator', QK1, 'QK1')],
    };
    expect(visibleSystemIds(twoSystems, ['programme-lead', 'facilitator'])).toEqual([QWU, QK1]);
  });

  it('gives nothing to a user without such a grant, and no whole system to a sponsor', () => {
    const delegate = {
      roles: [{ role: 'delegate', organisationId: null, organisationName: null, scope: null } as RoleGrant],
    };
    expect(visibleSystemIds(delegate, ['programme-lead'])).toEqual([]);
    expect(visibleSystemIds({ roles: [sponsor] }, ['sponsor'])).toEqual([]);
    expect(coversSystem({ roles: [sponsor] }, ['sponsor'], QK1)).toBe(false);
  });

  it('lets everyone with the role read a series for the whole region, but only a regional grant change it', () => {
    const system = { roles: [forSystem('programme-lead', QWU, 'QWU')] };
    const region = { roles: [regional('programme-lead')] };
    expect(reachesSystem(system, ['programme-lead'], null, 'read')).toBe(true);
    expect(reachesSystem(system, ['programme-lead'], null, 'change')).toBe(false);
    expect(reachesSystem(region, ['programme-lead'], null, 'change')).toBe(true);
    expect(reachesSystem(system, ['programme-lead'], QK1, 'read')).toBe(false);
    expect(reachesSystem({ roles: [sponsor] }, ['programme-lead'], null, 'read')).toBe(false);
  });

  it("answers for someone else's grants (a facilitator being staffed) the same way", () => {
    expect(scopesCoverSystem([{ kind: 'system', organisationId: QK1 }], QWU)).toBe(false);
    expect(scopesCoverSystem([{ kind: 'region' }], QWU)).toBe(true);
    expect(scopesCoverSystem([], QWU)).toBe(false);
  });

  it('writes the list rule as SQL with the systems as one parameter', () => {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    expect(systemScopeSql('c.system_id', null, param)).toBe('TRUE');
    expect(systemScopeSql('c.system_id', [QWU], param)).toBe(
      '(c.system_id IS NULL OR c.system_id = ANY($1::uuid[]))',
    );
    expect(systemScopeSql('c.system_id', [], param, 'omit')).toBe('c.system_id = ANY($2::uuid[])');
    expect(params).toEqual([[QWU], []]);
  });
});
