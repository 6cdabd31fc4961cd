import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { signInAs, user, VENUE } from '../../../testing/fixtures';
import { checkVenue, VENUE_MESSAGES, VenueFormPage } from './venue-form.page';

describe('venue form', () => {
  it('checks name, address and a whole-number capacity', () => {
    expect(checkVenue({ name: ' ', address: '', capacity: 'lots', accessibilityNotes: '' })).toEqual({
      ok: false,
      errors: [
        { field: 'name', text: VENUE_MESSAGES.nameRequired },
        { field: 'address', text: VENUE_MESSAGES.addressRequired },
        { field: 'capacity', text: VENUE_MESSAGES.capacityInvalid },
      ],
    });
    expect(checkVenue({ name: 'Room', address: 'Street', capacity: '16', accessibilityNotes: ' ' })).toEqual({
      ok: true,
      request: { name: 'Room', address: 'Street', capacity: 16, accessibilityNotes: null },
    });
  });

  it('edits a venue: fills the form from the list and saves with PATCH', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(VenueFormPage);
    fixture.componentRef.setInput('id', VENUE.id);
    await fixture.whenStable();
    http.expectOne('/api/venues').flush([VENUE]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent?.trim()).toBe(`Edit ${VENUE.name}`);
    const capacity = element.querySelector<HTMLInputElement>('#capacity');
    expect(capacity?.value).toBe('30');
    if (capacity) {
      capacity.value = '28';
      capacity.dispatchEvent(new Event('input'));
    }
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const request = http.expectOne(`/api/venues/${VENUE.id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toMatchObject({ capacity: 28, address: VENUE.address });
    request.flush({ ...VENUE, capacity: 28 });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/venues']);
  });
});
