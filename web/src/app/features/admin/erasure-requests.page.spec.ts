import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ErasureRequestSummary } from '@upstand/contracts';
import { ErasureRequestsPage } from './erasure-requests.page';

const REQUEST: ErasureRequestSummary = {
  id: 'r1',
  userId: 'u1',
  fullName: 'Sam Patel',
  email: 'sam.patel@example.nhs.uk',
  organisation: 'University Hospitals of Leicester NHS Trust',
  requestedAt: '2027-01-03T09:00:00.000Z',
};

describe('ErasureRequestsPage', () => {
  it('asks before erasing, then erases and shows the list again', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(ErasureRequestsPage);
    const http = TestBed.inject(HttpTestingController);
    const element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne('/api/erasure-requests').flush([REQUEST]);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="erasure-requests"]')?.textContent).toContain(
      '3 January 2027',
    );

    element.querySelector<HTMLButtonElement>('[data-testid="erase"]')?.click();
    await fixture.whenStable();
    http.expectNone({ method: 'POST', url: '/api/users/u1/erase' });
    element.querySelector<HTMLButtonElement>('[data-testid="erase-confirm"]')?.click();
    await fixture.whenStable();
    http
      .expectOne({ method: 'POST', url: '/api/users/u1/erase' })
      .flush({ userId: 'u1', erasedAt: '2027-01-04T09:00:00.000Z', alreadyErased: false });
    http.expectOne('/api/erasure-requests').flush([]);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="erased-panel"]')?.textContent).toContain('Data erased');
    expect(element.querySelector('[data-testid="no-requests"]')).not.toBeNull();
    http.verify();
  });
});
