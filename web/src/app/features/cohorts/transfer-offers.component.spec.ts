import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { transferOffer } from '../../../testing/fixtures';
import { TransferOffersComponent, waitingOffers } from './transfer-offers.component';

describe('transfers waiting', () => {
  it('keeps the pending offers, split into those the lead answers and those they sent', () => {
    const incoming = transferOffer({ id: 'in' });
    const outgoing = transferOffer({ id: 'out', canDecide: false, canWithdraw: true });
    const answered = transferOffer({ id: 'done', status: 'accepted', canDecide: false });
    expect(waitingOffers([incoming, outgoing, answered])).toEqual({
      incoming: [incoming],
      outgoing: [outgoing],
    });
  });

  it('accepts an incoming offer and shows how things stand', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TransferOffersComponent);
    await fixture.whenStable();
    http.expectOne('/api/transfer-offers').flush([transferOffer()]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h2')?.textContent).toBe('Transfers waiting');
    expect(element.textContent).toContain(
      'NHS Coventry and Warwickshire Integrated Care Board would like to move Sam Patel',
    );
    const [accept] = Array.from(element.querySelectorAll<HTMLButtonElement>('button'));
    expect(accept?.textContent?.trim()).toBe('Accept Sam Patel');
    accept?.click();
    http
      .expectOne({ method: 'POST', url: '/api/transfer-offers/offer-1/accept' })
      .flush(transferOffer({ status: 'accepted', canDecide: false }));
    http.expectOne('/api/transfer-offers').flush([transferOffer({ status: 'accepted', canDecide: false })]);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      'Sam Patel moved to LLR spring 2027',
    );
    expect(element.querySelector('[data-testid="transfers-waiting"]')).toBeNull();
  });

  it('shows why an offer could not be accepted (someone else answered, or the cohort filled)', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TransferOffersComponent);
    await fixture.whenStable();
    http.expectOne('/api/transfer-offers').flush([transferOffer()]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    element.querySelector<HTMLButtonElement>('button')?.click();
    http.expectOne('/api/transfer-offers/offer-1/accept').flush(
      {
        statusCode: 409,
        message: 'LLR spring 2027 has no place free now: the transfer cannot be accepted',
      },
      { status: 409, statusText: 'Conflict' },
    );
    http.expectOne('/api/transfer-offers').flush([transferOffer()]);
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain('has no place free now');
  });
});
