import { Organisation, RoleGrant } from '@upstand/contracts';
import {
  checkInvite,
  grantInReach,
  roleOptions,
  SCOPE_FIELD,
  scopeOptions,
  toFormField,
} from './grant-form.model';

const icb = (odsCode: string, name: string) =>
  ({ id: `id-${odsCode}`, odsCode, name, type: 'icb', system: null }) as unknown as Organisation;
const trust = (odsCode: string, name: string, system: Organisation) =>
  ({
    id: `id-${odsCode}`,
    odsCode,
    name,
    type: 'acute-trust',
    system: { id: system.id, odsCode: system.odsCode, name: system.name },
  }) as unknown as Organisation;

const QWU = icb('QWU', 'NHS Coventry and Warwickshire ICB');
const QK1 = icb('QK1', 'NHS Leicester, Leicestershire and Rutland ICB');
const RKB = trust('RKB', 'University Hospitals Coventry and Warwickshire', QWU);
const RWE = trust('RWE', 'University Hospitals of Leicester', QK1);
const ORGANISATIONS = [QWU, QK1, RKB, RWE];

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
    organisationId: QWU.id,
    organisationName: QWU.name,
    scope: { kind: 'system', odsCode: 'QWU', name: QWU.name },
  },
];

describe('the role and scope pickers', () => {
  it('offers a system lead only their own system and its organisations, never the region', () => {
    expect(scopeOptions(coventryLead, 'steering', ORGANISATIONS).map((option) => option.value)).toEqual([
      'system:QWU',
    ]);
    expect(scopeOptions(coventryLead, 'sponsor', ORGANISATIONS).map((option) => option.value)).toEqual([
      'organisation:RKB',
    ]);
  });

  it('offers a regional lead the region and every system, by name', () => {
    expect(scopeOptions(regionalLead, 'programme-lead', ORGANISATIONS).map((option) => option.value)).toEqual(
      ['region:Y60', 'system:QWU', 'system:QK1'],
    );
    expect(scopeOptions(regionalLead, 'sponsor', ORGANISATIONS).map((option) => option.value)).toEqual([
      'organisation:RKB',
      'organisation:RWE',
    ]);
  });

  it('offers staff roles to leads and nothing to anyone else', () => {
    expect(roleOptions(coventryLead).map((option) => option.value)).toEqual([
      'programme-lead',
      'facilitator',
      'sponsor',
      'steering',
    ]);
    expect(roleOptions([{ ...regionalLead[0]!, role: 'steering' }])).toEqual([]);
  });

  it('refuses a scope the picker did not offer, on the scope field, with the other fields checked too', () => {
    const checked = checkInvite(
      { email: 'not an email', fullName: '', role: 'steering', scope: 'region:Y60' },
      coventryLead,
      ORGANISATIONS,
    );
    expect(checked).toEqual({
      ok: false,
      errors: [
        { field: 'email', text: 'Enter an email address in the correct format, like name@example.com' },
        { field: 'fullName', text: 'Enter their full name' },
        { field: SCOPE_FIELD, text: 'Select where the role applies' },
      ],
    });
  });

  it('makes the request the API takes', () => {
    expect(
      checkInvite(
        { email: ' jo@nhs.net ', fullName: ' Jo Bloggs ', role: 'sponsor', scope: 'organisation:RKB' },
        coventryLead,
        ORGANISATIONS,
      ),
    ).toEqual({
      ok: true,
      request: {
        email: 'jo@nhs.net',
        fullName: 'Jo Bloggs',
        grants: [{ role: 'sponsor', scope: { organisation: 'RKB' } }],
      },
    });
  });

  it('knows which held grants a lead may take away', () => {
    const regionalSteering: RoleGrant = {
      role: 'steering',
      organisationId: null,
      organisationName: null,
      scope: { kind: 'region', odsCode: 'Y60', name: 'NHS England Midlands' },
    };
    const coventrySponsor: RoleGrant = {
      role: 'sponsor',
      organisationId: RKB.id,
      organisationName: RKB.name,
      scope: { kind: 'organisation', odsCode: 'RKB', name: RKB.name },
    };
    expect(grantInReach(coventryLead, regionalSteering, ORGANISATIONS)).toBe(false);
    expect(grantInReach(coventryLead, coventrySponsor, ORGANISATIONS)).toBe(true);
    expect(grantInReach(regionalLead, regionalSteering, ORGANISATIONS)).toBe(true);
  });

  it('puts the API errors of any grant on the one pair of pickers', () => {
    expect(toFormField('grants.3.scope')).toBe('grants.0.scope');
    expect(toFormField('email')).toBe('email');
  });
});
