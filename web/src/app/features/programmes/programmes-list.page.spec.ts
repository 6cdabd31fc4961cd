import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Programme } from '@upstand/contracts';
import { signInAs, user } from '../../../testing/fixtures';
import { programmeScope } from './programme.model';
import { ProgrammesListPage } from './programmes-list.page';

const TEMPLATE = {
  id: 'template-1',
  version: 1,
  stages: [],
  completionRule: {},
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as Programme['currentTemplate'];

const programme = (name: string, system: Programme['system']): Programme => ({
  id: name,
  name,
  requiresManagerApproval: false,
  offerHoldHours: 48,
  anonymousEvaluation: false,
  currentTemplate: TEMPLATE,
  system,
});

const COVENTRY = {
  id: 'icb-qwu',
  odsCode: 'QWU',
  name: 'NHS Coventry and Warwickshire Integrated Care Board',
};

describe('ProgrammesListPage', () => {
  it("tags each programme as regional or as one system's own", async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProgrammesListPage);
    await fixture.whenStable();
    http
      .expectOne('/api/programmes')
      .flush([
        programme('Active Bystander Programme', null),
        programme('Coventry board development', COVENTRY),
      ]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const rows = Array.from(element.querySelectorAll('tbody th[scope="row"]')).map((cell) => ({
      name: cell.childNodes[0]?.textContent?.trim(),
      tag: cell.querySelector('[data-testid="programme-scope"]'),
    }));
    expect(rows.map((row) => [row.name, row.tag?.textContent?.trim()])).toEqual([
      ['Active Bystander Programme', 'Regional'],
      ['Coventry board development', 'Coventry and Warwickshire'],
    ]);
    expect(rows[0]?.tag?.classList).toContain('nhsuk-tag--blue');
    expect(rows[1]?.tag?.classList).toContain('nhsuk-tag--aqua-green');
    expect(element.textContent).toContain('only a regional lead changes it');
  });

  it('falls back to the ODS code when a system has no usable name', () => {
    expect(
      programmeScope({ system: { id: 'x', odsCode: 'QK1', name: 'NHS  Integrated Care Board' } }),
    ).toEqual({
      regional: false,
      label: 'QK1',
    });
    expect(programmeScope({ system: null })).toEqual({ regional: true, label: 'Regional' });
  });

  it('offers a system lead the settings of their own programme only, not of a regional one', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(
      user(['programme-lead'], {
        roles: [
          {
            role: 'programme-lead',
            organisationId: null,
            organisationName: null,
            scope: { kind: 'system', odsCode: 'QWU', name: COVENTRY.name },
          },
        ],
      }),
    );
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProgrammesListPage);
    await fixture.whenStable();
    http
      .expectOne('/api/programmes')
      .flush([
        programme('Active Bystander Programme', null),
        programme('Coventry board development', COVENTRY),
      ]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const actions = Array.from(element.querySelectorAll('tbody tr')).map((row) =>
      row.querySelector('.app-table-actions li')?.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(actions).toEqual([
      'Only a regional lead can change its settings',
      'Change settings of Coventry board development',
    ]);
  });
});
