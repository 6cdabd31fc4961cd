import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ErasureRequestComponent } from './erasure-request.component';

async function render(existing: { id: string; requestedAt: string } | null = null) {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(ErasureRequestComponent);
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  http.expectOne('/api/me/erasure-request').flush({ request: existing });
  await fixture.whenStable();
  return { fixture, http, element: fixture.nativeElement as HTMLElement };
}

describe('ErasureRequestComponent', () => {
  it('says what is deleted and what stays, and sends nothing until the person confirms', async () => {
    const { fixture, http, element } = await render();
    const text = element.textContent ?? '';
    expect(text).toContain('your equality monitoring answers');
    expect(text).toContain("part of the programme's totals");
    expect(text).toContain('we will not be able to issue your certificate again');

    element.querySelector<HTMLButtonElement>('[data-testid="erasure-ask"]')?.click();
    await fixture.whenStable();
    http.expectNone({ method: 'POST', url: '/api/me/erasure-request' });
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain('Tick the box');
  });

  it('sends the request once confirmed and shows the confirmation panel', async () => {
    const { fixture, http, element } = await render();
    element.querySelector<HTMLInputElement>('[data-testid="erasure-confirm"]')?.click();
    element.querySelector<HTMLButtonElement>('[data-testid="erasure-ask"]')?.click();
    await fixture.whenStable();
    http
      .expectOne({ method: 'POST', url: '/api/me/erasure-request' })
      .flush({ request: { id: 'r1', requestedAt: '2027-01-10T09:00:00.000Z' } });
    await fixture.whenStable();

    const panel = element.querySelector('[data-testid="erasure-confirmation"]');
    expect(panel?.textContent).toContain('We have your request');
    expect(panel?.textContent).toContain('10 January 2027');
    expect(element.querySelector('[data-testid="erasure-ask"]')).toBeNull();
    http.verify();
  });

  it('shows a request made earlier instead of the form', async () => {
    const { element } = await render({ id: 'r1', requestedAt: '2027-01-03T09:00:00.000Z' });
    expect(element.querySelector('[data-testid="erasure-confirmation"]')?.textContent).toContain(
      '3 January 2027',
    );
    expect(element.querySelector('[data-testid="erasure-ask"]')).toBeNull();
  });

  it('says why when the request could not be sent', async () => {
    const { fixture, http, element } = await render();
    element.querySelector<HTMLInputElement>('[data-testid="erasure-confirm"]')?.click();
    element.querySelector<HTMLButtonElement>('[data-testid="erasure-ask"]')?.click();
    await fixture.whenStable();
    http
      .expectOne({ method: 'POST', url: '/api/me/erasure-request' })
      .flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'Your request could not be sent',
    );
    expect(element.querySelector('[data-testid="erasure-confirmation"]')).toBeNull();
  });
});
