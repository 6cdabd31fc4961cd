import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { CreateVenueRequest, Venue } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { ErrorItem } from '../../core/api-error';
import { VenuesApiService } from '../../core/api/venues-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { findById, LoadState, loadState } from '../../shared/load-state';
import { SaveAndReturn } from '../../shared/save-and-return';
import { wholeNumber } from '../../shared/validation';

const FIELDS = ['name', 'address', 'capacity', 'accessibilityNotes'] as const;
export const MAX_VENUE_CAPACITY = 10000;

export const VENUE_MESSAGES = {
  nameRequired: 'Enter the name of the venue',
  addressRequired: 'Enter the address of the venue',
  capacityRequired: 'Enter how many people the room holds',
  capacityInvalid: `Capacity must be a whole number from 1 to ${MAX_VENUE_CAPACITY}`,
} as const;

export interface VenueFormValue {
  name: string;
  address: string;
  capacity: string;
  accessibilityNotes: string;
}

export function checkVenue(
  value: VenueFormValue,
): { ok: true; request: CreateVenueRequest } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const name = value.name.trim();
  const address = value.address.trim();
  if (!name) errors.push({ field: 'name', text: VENUE_MESSAGES.nameRequired });
  if (!address) errors.push({ field: 'address', text: VENUE_MESSAGES.addressRequired });
  const capacity = wholeNumber(value.capacity, 1, MAX_VENUE_CAPACITY);
  if (!value.capacity.trim()) errors.push({ field: 'capacity', text: VENUE_MESSAGES.capacityRequired });
  else if (capacity === null) errors.push({ field: 'capacity', text: VENUE_MESSAGES.capacityInvalid });
  if (errors.length || capacity === null) return { ok: false, errors };
  const notes = value.accessibilityNotes.trim();
  return { ok: true, request: { name, address, capacity, accessibilityNotes: notes || null } };
}

/** Adds or edits a venue. */
@Component({
  selector: 'app-venue-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="loaded()"
          loadHeading="The venue could not be loaded"
          [errors]="errors.items()"
        />

        <h1>
          @if (original(); as venue) {
            Edit {{ venue.name }}
          } @else if (id()) {
            Edit venue
          } @else {
            Add a venue
          }
        </h1>

        @switch (loaded().status) {
          @case ('loading') {
            <p role="status">Loading venue…</p>
          }
          @case ('failed') {
            <p><a routerLink="/venues">Back to venues</a></p>
          }
          @default {
            <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
              <app-field
                field="name"
                label="Name"
                hint="For example, Leicester General Hospital, Education Centre"
              >
                <input class="nhsuk-input" appControl type="text" autocomplete="off" formControlName="name" />
              </app-field>
              <app-field field="address" label="Address">
                <textarea
                  class="nhsuk-textarea"
                  appControl
                  rows="4"
                  autocomplete="off"
                  formControlName="address"
                ></textarea>
              </app-field>
              <app-field field="capacity" label="Capacity" hint="How many people the room holds">
                <input
                  class="nhsuk-input nhsuk-input--width-4"
                  appControl
                  type="text"
                  inputmode="numeric"
                  autocomplete="off"
                  formControlName="capacity"
                />
              </app-field>
              <app-field
                field="accessibilityNotes"
                label="Accessibility (optional)"
                hint="For example, step-free access, hearing loop, accessible toilets, parking"
              >
                <textarea
                  class="nhsuk-textarea"
                  appControl
                  rows="4"
                  formControlName="accessibilityNotes"
                ></textarea>
              </app-field>
              <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit">Save venue</button>
                <a class="nhsuk-link" routerLink="/venues">Cancel</a>
              </div>
            </form>
          }
        }
      </div>
    </div>
  `,
})
export class VenueFormPage implements OnInit {
  private readonly api = inject(VenuesApiService);

  /** Route parameter `:id`; absent when adding. */
  readonly id = input<string>();

  protected readonly errors = new FormErrors(FIELDS);
  private readonly save = new SaveAndReturn(this.errors);
  protected readonly loaded = signal<LoadState<Venue | null>>({ status: 'loaded', value: null });
  protected readonly original = computed(() => {
    const state = this.loaded();
    return state.status === 'loaded' ? state.value : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [''],
    address: [''],
    capacity: [''],
    accessibilityNotes: [''],
  });

  ngOnInit(): void {
    const id = this.id();
    if (!id) return;
    loadState(findById(this.api.list(), id), 'This venue does not exist.').subscribe((state) => {
      if (state.status === 'loaded') {
        const venue = state.value;
        this.form.setValue({
          name: venue.name,
          address: venue.address,
          capacity: String(venue.capacity),
          accessibilityNotes: venue.accessibilityNotes ?? '',
        });
      }
      this.loaded.set(state);
    });
  }

  /** The API call for the form's values, or null after showing what is wrong. */
  private request(): Observable<Venue> | null {
    const checked = checkVenue(this.form.getRawValue());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return null;
    }
    const id = this.id();
    return id ? this.api.update(id, checked.request) : this.api.create(checked.request);
  }

  protected submit(): void {
    this.save.submit(() => this.request(), {
      message: (saved) => `Venue ${saved.name} saved`,
      back: ['/venues'],
    });
  }
}
