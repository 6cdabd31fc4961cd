import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApprovalRequestView } from '@upstand/contracts';
import { apiError, approvalView, signInAs } from '../../../testing/fixtures';
import { APPROVAL_LINK_MESSAGES, ApprovalPage } from './approval.page';

const TOKEN = 'a'.repeat(43);

async function render(answer: ApprovalRequestView | 'unknown') {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(null);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ApprovalPage);
  fixture.componentRef.setInput('token', TOKEN);
  await fixture.whenStable();
  const request = http.expectOne(`/api/approvals/${TOKEN}`);
  if (answer === 'unknown') request.flush(...apiError(404, 'Approval link not found'));
  else request.flush(answer);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const h1 = () => element.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (label: string) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === label);
  return { fixture, element, http, h1, button };
}

describe('ApprovalPage (the emailed link)', () => {
  it('shows what is being approved, then approves it and shows the outcome', async () => {
    const { fixture, element, http, h1, button } = await render(approvalView());
    expect(h1()).toBe("Active Bystander Programme Approve Sam Patel's place");
    const summary = element.querySelector('[data-testid="approval-summary"]')?.textContent ?? '';
    expect(summary).toContain('Staff nurse');
    expect(summary).toContain('University Hospitals of Leicester NHS Trust');
    expect(summary).toContain('LLR spring 2027');
    expect(summary).toContain('Thursday 25 March 2027, 9:00am to 4:30pm');

    button('Approve')?.click();
    const request = http.expectOne(`/api/approvals/${TOKEN}/approve`);
    expect(request.request.method).toBe('POST');
    request.flush(approvalView({ state: 'approved' }));
    await fixture.whenStable();
    expect(h1()).toBe('Place approved');
    expect(element.querySelector('[data-testid="approval-outcome"]')?.textContent).toContain('Sam Patel');
    expect(button('Approve')).toBeUndefined();
  });

  it('declines', async () => {
    const { fixture, http, h1, button } = await render(approvalView());
    button('Decline')?.click();
    http.expectOne(`/api/approvals/${TOKEN}/decline`).flush(approvalView({ state: 'declined' }));
    await fixture.whenStable();
    expect(h1()).toBe('Place declined');
  });

  it('says a used link was already used, with no buttons', async () => {
    const { element, h1, button } = await render(approvalView({ state: 'approved' }));
    expect(h1()).toBe('This link has already been used');
    expect(element.textContent).toContain('was already approved');
    expect(button('Approve')).toBeUndefined();
  });

  it('says an expired link has expired', async () => {
    const { element, h1, button } = await render(approvalView({ state: 'expired' }));
    expect(h1()).toBe('This approval link has expired');
    expect(element.textContent).toContain(APPROVAL_LINK_MESSAGES.expired);
    expect(button('Approve')).toBeUndefined();
  });

  it('says an unknown link is not recognised', async () => {
    const { element, h1 } = await render('unknown');
    expect(h1()).toBe('This link is not recognised');
    expect(element.textContent).toContain(APPROVAL_LINK_MESSAGES.unknown);
  });

  it('shows why a decision was refused (409) and the request as it is now', async () => {
    const { fixture, element, http, h1, button } = await render(approvalView());
    button('Approve')?.click();
    http
      .expectOne(`/api/approvals/${TOKEN}/approve`)
      .flush(...apiError(409, 'This request was already declined; the link works only once'));
    http.expectOne(`/api/approvals/${TOKEN}`).flush(approvalView({ state: 'declined' }));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain('the link works only once');
    expect(h1()).toBe('This link has already been used');
  });
});
