import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CurrentUser, Organisation, Role } from '@upstand/contracts';
import { SessionService } from '../app/core/auth/session.service';

export function user(roles: Role[], overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'user-1',
    email: 'sam.patel@example.nhs.uk',
    fullName: 'Sam Patel',
    organisationId: null,
    roles: roles.map((role) => ({ role, organisationId: null, organisationName: null })),
    ...overrides,
  };
}

export const REGION = { id: 'region-y60', odsCode: 'Y60', name: 'NHS England Midlands' };

export const LLR_ICB: Organisation = {
  id: 'org-qk1',
  odsCode: 'QK1',
  name: 'NHS Leicester, Leicestershire and Rutland ICB',
  type: 'icb',
  region: REGION,
  system: null,
  isHomeSystem: true,
  validFrom: '2022-07-01',
  validTo: null,
};

export const UHL: Organisation = {
  id: 'org-rwe',
  odsCode: 'RWE',
  name: 'University Hospitals of Leicester NHS Trust',
  type: 'acute-trust',
  region: REGION,
  system: { id: LLR_ICB.id, odsCode: LLR_ICB.odsCode, name: LLR_ICB.name },
  isHomeSystem: false,
  validFrom: '2022-07-01',
  validTo: null,
};

/** Signs a user in the way the app does at start-up: GET /api/auth/me. Pass null for a signed-out visitor. */
export async function signInAs(current: CurrentUser | null): Promise<void> {
  const session = TestBed.inject(SessionService);
  const http = TestBed.inject(HttpTestingController);
  const loading = session.load();
  const request = http.expectOne('/api/auth/me');
  if (current) request.flush(current);
  else
    request.flush(
      { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' },
      { status: 401, statusText: 'Unauthorized' },
    );
  await loading;
}
