import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { LLR_ICB, REGION, signInAs, UHL, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { OrganisationFormPage } from './organisation-form.page';

async function render(id?: string) {
  return renderWith(id ? { ...UHL, id } : null);
}

async function renderWith(organisation: typeof UHL | null) {
  const id = organisation?.id;
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(OrganisationFormPage);
  if (id) fixture.componentRef.setInput('id', id);
  await fixture.whenStable();
  http.expectOne('/api/regions').flush([REGION]);
  http.expectOne('/api/organisations?type=icb&includeClosed=true').flush([LLR_ICB]);
  if (id) http.expectOne(`/api/organisations/${id}`).flush(organisation);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;

  const field = <T extends HTMLElement>(fieldId: string) => {
    const found = element.querySelector<T>(`#${fieldId}`);
    if (!found) throw new Error(`No field #${fieldId}`);
    return found;
  };
  const type = (fieldId: string, value: string) => {
    const input = field<HTMLInputElement>(fieldId);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const choose = async (fieldId: string, value: string) => {
    const select = field<HTMLSelectElement>(fieldId);
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  };
  const save = async () => {
    const button = Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Save organisation',
    );
    if (!button) throw new Error('No "Save organisation" button');
    button.click();
    await fixture.whenStable();
  };
  const summaryLinks = () =>
    Array.from(element.querySelectorAll('.nhsuk-error-summary a')).map((a) => [
      a.getAttribute('href'),
      a.textContent?.trim(),
    ]);
  return { fixture, element, http, navigate, field, type, choose, save, summaryLinks };
}

describe('OrganisationFormPage', () => {
  it('shows the server field errors in the error summary, linking to the field, and inline', async () => {
    const { fixture, element, http, type, choose, save, summaryLinks, field } = await render();
    type('odsCode', 'RWE');
    type('name', 'University Hospitals of Leicester NHS Trust');
    await choose('type', 'acute-trust');
    await choose('systemId', LLR_ICB.id);
    await save();

    const request = http.expectOne('/api/organisations');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toMatchObject({
      odsCode: 'RWE',
      name: 'University Hospitals of Leicester NHS Trust',
      type: 'acute-trust',
      systemId: LLR_ICB.id,
      regionId: null,
      validTo: null,
    });
    request.flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'An organisation with ODS code RWE already exists',
        errors: [{ field: 'odsCode', message: 'An organisation with ODS code RWE already exists' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();

    expect(summaryLinks()).toEqual([['#odsCode', 'An organisation with ODS code RWE already exists']]);
    expect(document.activeElement).toBe(element.querySelector('.nhsuk-error-summary'));
    const odsCode = field('odsCode');
    expect(odsCode.closest('.nhsuk-form-group')?.classList).toContain('nhsuk-form-group--error');
    expect(odsCode.classList).toContain('nhsuk-input--error');
    expect(odsCode.getAttribute('aria-describedby')).toBe('odsCode-hint odsCode-error');
    expect(field('odsCode-error').textContent).toContain('An organisation with ODS code RWE already exists');

    // Following the link puts the cursor in the field.
    element.querySelector<HTMLAnchorElement>('.nhsuk-error-summary a')?.click();
    expect(document.activeElement).toBe(odsCode);
  });

  it('lists several 400 validation errors from the server in order', async () => {
    const { fixture, http, type, choose, save, summaryLinks } = await render();
    type('odsCode', 'QK2');
    type('name', 'An ICB');
    await choose('type', 'icb');
    await choose('regionId', REGION.id);
    await save();
    http.expectOne('/api/organisations').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [
          { field: 'name', message: 'Name is already used by another ICB' },
          { field: 'validTo', message: 'Valid to must be after valid from' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(summaryLinks()).toEqual([
      ['#name', 'Name is already used by another ICB'],
      ['#validTo', 'Valid to must be after valid from'],
    ]);
  });

  it('checks required fields and the ODS code pattern before saving', async () => {
    const { http, type, save, summaryLinks } = await render();
    type('odsCode', 'R!');
    await save();
    http.expectNone('/api/organisations');
    expect(summaryLinks()).toEqual([
      ['#odsCode', 'ODS code must be 3 to 6 capital letters and numbers, for example RWE'],
      ['#name', 'Enter the organisation name'],
      ['#type', 'Select the type of organisation'],
    ]);
  });

  it('asks for a region, not a system, for an integrated care board', async () => {
    const { element, http, type, choose, save, summaryLinks } = await render();
    expect(element.querySelector('#systemId')).not.toBeNull();
    expect(element.querySelector('#regionId')).toBeNull();
    await choose('type', 'icb');
    expect(element.querySelector('#systemId')).toBeNull();
    expect(element.querySelector('#regionId')).not.toBeNull();
    expect(element.querySelector('#isHomeSystem')).not.toBeNull();

    type('odsCode', 'qk1');
    type('name', 'NHS Leicester, Leicestershire and Rutland ICB');
    await save();
    expect(summaryLinks()).toEqual([['#regionId', 'Select the NHS England region']]);
    http.expectNone('/api/organisations');
  });

  it('saves, then returns to the list with "Organisation RWE saved"', async () => {
    const { fixture, http, navigate, type, choose, save } = await render();
    type('odsCode', 'rwe');
    type('name', 'University Hospitals of Leicester NHS Trust');
    await choose('type', 'acute-trust');
    await choose('systemId', LLR_ICB.id);
    await save();
    const request = http.expectOne('/api/organisations');
    expect(request.request.body.odsCode).toBe('RWE');
    request.flush(UHL, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/organisations']);
    expect(TestBed.inject(FlashService).take()).toBe('Organisation RWE saved');
  });

  it('edits an existing organisation with PATCH', async () => {
    const { fixture, http, field, type, save, navigate } = await render(UHL.id);
    expect(field<HTMLInputElement>('odsCode').value).toBe('RWE');
    expect(field<HTMLSelectElement>('systemId').value).toBe(LLR_ICB.id);
    type('validTo', '31');
    type('validTo-month', '3');
    type('validTo-year', '2026');
    await save();
    const request = http.expectOne(`/api/organisations/${UHL.id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toMatchObject({
      odsCode: 'RWE',
      validTo: '2026-03-31',
      systemId: LLR_ICB.id,
    });
    request.flush({ ...UHL, validTo: '2026-03-31' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/organisations']);
  });

  it('shows the headcount with the date the staff were counted, and saves both', async () => {
    const { fixture, http, field, type, save } = await renderWith({
      ...UHL,
      headcount: 18150,
      headcountAsOf: '2026-03-31',
    });
    expect(field<HTMLInputElement>('headcount').value).toBe('18150');
    expect(
      ['headcountAsOf', 'headcountAsOf-month', 'headcountAsOf-year'].map(
        (id) => field<HTMLInputElement>(id).value,
      ),
    ).toEqual(['31', '3', '2026']);
    type('headcount', '18,400');
    type('headcountAsOf', '30');
    type('headcountAsOf-month', '9');
    await save();
    const request = http.expectOne(`/api/organisations/${UHL.id}`);
    expect(request.request.body).toMatchObject({ headcount: 18400, headcountAsOf: '2026-09-30' });
    request.flush({ ...UHL, headcount: 18400, headcountAsOf: '2026-09-30' });
    await fixture.whenStable();
  });

  it('asks for the date the staff were counted with a headcount', async () => {
    const { http, type, save, summaryLinks } = await render(UHL.id);
    type('headcount', '18000');
    await save();
    http.expectNone(`/api/organisations/${UHL.id}`);
    expect(summaryLinks()).toEqual([['#headcountAsOf', 'Enter the date the staff were counted']]);
  });
});
