import { RoleGrant } from './roles';
import {
  checkGrant,
  grantableScopeKinds,
  grantableSystems,
  mayAdministerUsers,
  ScopePlace,
} from './user-admin';

const regionalLead: RoleGrant[] = [
  {
    role: 'programme-lead',
    organisationId: null,
    organisationName: null,
    scope: { kind: 'region', odsCode: 'Y60', name: 'NHS England Midlands' },
  },
];
const coventryLead: RoleGrant[] = [
  {
    role: 'programme-lead',
    organisationId: 'icb-qwu',
    organisationName: 'NHS Coventry and Warwickshire ICB',
    scope: { kind: 'system', odsCode: 'QWU', name: 'NHS Coventry and Warwickshire ICB' },
  },
];
const regionalSteering: RoleGrant[] = [
  {
    role: 'steering',
    organisationId: null,
    organisationName: null,
    scope: { kind: 'region', odsCode: 'Y60', name: 'NHS England Midlands' },
  },
];

const region: ScopePlace = { kind: 'region', odsCode: 'Y60' };
const system = (odsCode: string): ScopePlace => ({
  kind: 'system',
  odsCode,
  isIcb: true,
  systemOdsCode: odsCode,
});
const organisation = (odsCode: string, systemOdsCode: string): ScopePlace => ({
  kind: 'organisation',
  odsCode,
  isIcb: false,
  systemOdsCode,
});

describe('the grant rule', () => {
  it('lets a regional lead grant any role anywhere', () => {
    expect(checkGrant(regionalLead, 'programme-lead', region)).toEqual({ ok: true });
    expect(checkGrant(regionalLead, 'steering', system('QK1'))).toEqual({ ok: true });
    expect(checkGrant(regionalLead, 'sponsor', organisation('RWE', 'QK1'))).toEqual({ ok: true });
    expect(checkGrant(regionalLead, 'delegate', null)).toEqual({ ok: true });
  });

  it('lets a system lead grant staff roles within their own system only', () => {
    expect(checkGrant(coventryLead, 'programme-lead', system('QWU'))).toEqual({ ok: true });
    expect(checkGrant(coventryLead, 'sponsor', organisation('RKB', 'QWU'))).toEqual({ ok: true });
    expect(checkGrant(coventryLead, 'facilitator', system('QK1'))).toEqual({
      ok: false,
      field: 'scope',
      message: 'You can only give roles within your own system',
    });
    expect(checkGrant(coventryLead, 'sponsor', organisation('RWE', 'QK1'))).toMatchObject({ ok: false });
  });

  it('never lets a system lead grant a regional role', () => {
    expect(checkGrant(coventryLead, 'steering', region)).toEqual({
      ok: false,
      field: 'scope',
      message: 'Only a regional programme lead can give regional roles',
    });
  });

  it('lets nobody but a lead grant anything, whatever else they hold', () => {
    expect(checkGrant(regionalSteering, 'steering', system('QWU'))).toEqual({
      ok: false,
      field: 'role',
      message: 'Only a programme lead can give roles',
    });
    expect(checkGrant([], 'delegate', null)).toMatchObject({ ok: false, field: 'role' });
    expect(mayAdministerUsers(regionalSteering)).toBe(false);
    expect(mayAdministerUsers(coventryLead)).toBe(true);
  });

  it('makes the scope fit the role: a system is an ICB, an organisation is not, sponsors follow one organisation', () => {
    expect(
      checkGrant(regionalLead, 'steering', {
        kind: 'system',
        odsCode: 'RWE',
        isIcb: false,
        systemOdsCode: 'QK1',
      }),
    ).toMatchObject({
      ok: false,
      field: 'scope',
      message: expect.stringContaining('RWE is not an integrated care board'),
    });
    expect(
      checkGrant(regionalLead, 'sponsor', {
        kind: 'organisation',
        odsCode: 'QWU',
        isIcb: true,
        systemOdsCode: 'QWU',
      }),
    ).toMatchObject({
      ok: false,
      field: 'scope',
    });
    expect(checkGrant(regionalLead, 'sponsor', system('QWU'))).toMatchObject({ ok: false, field: 'scope' });
    expect(checkGrant(regionalLead, 'programme-lead', null)).toMatchObject({ ok: false, field: 'scope' });
    expect(checkGrant(regionalLead, 'line-manager', system('QWU'))).toMatchObject({
      ok: false,
      field: 'scope',
    });
    expect(checkGrant(regionalLead, 'steering', { kind: 'region', odsCode: 'Y56' })).toMatchObject({
      ok: false,
      field: 'scope',
    });
  });

  it('offers the web form only the scopes the granter may give', () => {
    expect(grantableScopeKinds(regionalLead, 'steering')).toEqual(['region', 'system']);
    expect(grantableScopeKinds(coventryLead, 'steering')).toEqual(['system']);
    expect(grantableScopeKinds(coventryLead, 'sponsor')).toEqual(['organisation']);
    expect(grantableScopeKinds(regionalSteering, 'steering')).toEqual([]);
    expect(grantableSystems(regionalLead)).toBeNull();
    expect(grantableSystems(coventryLead)).toEqual(['QWU']);
  });
});
