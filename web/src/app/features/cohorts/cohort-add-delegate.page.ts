import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Cohort, DelegateCandidate, Enrolment, Paged } from '@upstand/contracts';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD, RadioOption } from '../../shared/form-field';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { PageSummaryComponent } from '../../shared/pagination.component';
import { enrolmentStatusLabel } from '../../shared/status-tags';

export const ADD_DELEGATE_MESSAGES = {
  chooseWho: 'Choose whether they have an Upstand account',
  searchTooShort: 'Enter at least 2 letters of their name or email address',
  nameRequired: 'Enter their full name',
  emailRequired: 'Enter their email address',
  emailInvalid: 'Enter an email address in the correct format, like name@nhs.net',
} as const;

/** What happened, for the cohort page's banner. */
export function addedMessage(name: string, enrolment: Enrolment, invited: boolean): string {
  const where =
    enrolment.status === 'confirmed'
      ? 'has a confirmed place and has been sent the confirmation and an invitation for each session'
      : 'is on the waiting list (the cohort is full) and has been told so by email';
  return `${name} ${where}${invited ? '. They have also been sent an invitation to set up their account' : ''}`;
}

/**
 * A programme lead puts someone on a cohort by hand: an account within their systems (found by name or email),
 * or a new person, who is invited to set a password. No line-manager approval is needed.
 */
@Component({
  selector: 'app-cohort-add-delegate-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    ReactiveFormsModule,
    RouterLink,
    ErrorSummaryComponent,
    PageSummaryComponent,
    ...FORM_FIELD,
  ],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The cohort could not be loaded"
          [errors]="errors.items()"
        />
        <h1>
          @if (cohort(); as cohort) {
            <span class="nhsuk-caption-l">{{ cohort.name }}</span>
          }
          Add a delegate
        </h1>
        @if (cohort(); as cohort) {
          <div class="nhsuk-inset-text" data-testid="no-approval-note">
            <span class="nhsuk-u-visually-hidden">Information: </span>
            <p>
              A place you add is confirmed straight away: it does not need their line manager's approval. If
              all
              {{ cohort.capacity }} places are taken, they join the waiting list. They get the same emails as
              someone who signs up: the confirmation and a calendar invitation for each session.
            </p>
          </div>

          <form [appErrors]="errors" novalidate (ngSubmit)="$event.preventDefault()">
            <app-radios
              field="who"
              legend="Do they have an Upstand account?"
              legendSize="m"
              [options]="whoOptions"
              [ngModel]="who()"
              (ngModelChange)="who.set($event)"
              name="who"
            />
          </form>

          @if (who() === 'existing') {
            <form role="search" [appErrors]="errors" (ngSubmit)="search()" novalidate>
              <app-field
                field="q"
                label="Search by name or email address"
                hint="People in your area, or already on one of its cohorts"
              >
                <input
                  class="nhsuk-input"
                  appControl
                  type="search"
                  name="q"
                  autocomplete="off"
                  spellcheck="false"
                  maxlength="200"
                  [ngModel]="query()"
                  (ngModelChange)="query.set($event)"
                />
              </app-field>
              <button class="nhsuk-button nhsuk-button--secondary" type="submit">Search</button>
            </form>
            @if (results(); as page) {
              <app-page-summary
                [page]="page.page"
                [total]="page.total"
                [pageSize]="page.pageSize"
                noun="people"
              />
              <ul class="nhsuk-list app-people" data-testid="people-results">
                @for (person of page.items; track person.id) {
                  <li class="app-person">
                    <strong>{{ person.fullName }}</strong>
                    <span class="nhsuk-body-s app-secondary-line app-break-words">{{ person.email }}</span>
                    <span class="nhsuk-body-s app-secondary-line">{{
                      person.organisationName ?? 'Organisation not recorded'
                    }}</span>
                    @if (person.activePlace; as place) {
                      <span class="nhsuk-body-s app-secondary-line"
                        >Already on {{ place.cohortName }}:
                        {{ statusLabel(place.status).toLowerCase() }}</span
                      >
                    } @else {
                      <button
                        class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0"
                        type="button"
                        [attr.aria-disabled]="saving() || null"
                        (click)="addExisting(person)"
                      >
                        Add {{ person.fullName }}
                      </button>
                    }
                  </li>
                }
              </ul>
              @if (page.total > page.items.length) {
                <p>
                  Only the first {{ page.items.length }} are shown: search for more of their name or email.
                </p>
              }
            }
          }

          @if (who() === 'new') {
            <form [formGroup]="invite" [appErrors]="errors" (ngSubmit)="addNew()" novalidate>
              <app-field field="fullName" label="Full name">
                <input
                  class="nhsuk-input"
                  appControl
                  type="text"
                  formControlName="fullName"
                  autocomplete="off"
                />
              </app-field>
              <app-field
                field="email"
                label="Email address"
                hint="Their work email. We email them a link to set a password, then their place."
              >
                <input
                  class="nhsuk-input"
                  appControl
                  type="email"
                  formControlName="email"
                  autocomplete="off"
                  spellcheck="false"
                />
              </app-field>
              <button class="nhsuk-button" type="submit" [attr.aria-disabled]="saving() || null">
                Invite and add to the cohort
              </button>
            </form>
          }
          <p><a [routerLink]="['/cohorts', id()]">Back to the cohort</a></p>
        } @else if (state().status === 'loading') {
          <p role="status">Loading cohort…</p>
        }
      </div>
    </div>
  `,
  styles: `
    .app-person {
      border-bottom: 1px solid #d8dde0;
      padding-bottom: 12px;
    }
  `,
})
export class CohortAddDelegatePage implements OnInit {
  private readonly cohortsApi = inject(CohortsApiService);
  private readonly enrolmentsApi = inject(EnrolmentsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly whoOptions: RadioOption[] = [
    { value: 'existing', label: 'Yes, find them', hint: 'Search by name or email address' },
    { value: 'new', label: 'No, invite them', hint: 'We email them a link to set up their account' },
  ];
  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly errors = new FormErrors(['who', 'q', 'fullName', 'email', 'userId']);
  protected readonly who = signal<string | null>(null);
  protected readonly query = signal('');
  protected readonly saving = signal(false);
  protected readonly results = signal<Paged<DelegateCandidate> | null>(null);
  protected readonly invite = inject(NonNullableFormBuilder).group({ fullName: [''], email: [''] });
  protected readonly state = signal<LoadState<Cohort>>(LOADING);
  protected readonly cohort = computed(() => loadedValue(this.state()));

  ngOnInit(): void {
    loadState(this.cohortsApi.get(this.id()), 'This cohort does not exist.').subscribe((state) =>
      this.state.set(state),
    );
  }

  protected search(): void {
    const q = this.query().trim();
    if (q.length < 2) return this.errors.set([{ field: 'q', text: ADD_DELEGATE_MESSAGES.searchTooShort }]);
    this.errors.clear();
    this.enrolmentsApi.people(this.id(), q).subscribe({
      next: (page) => this.results.set(page),
      error: (error: unknown) => this.errors.fromApi(error),
    });
  }

  protected addExisting(person: DelegateCandidate): void {
    this.send({ userId: person.id }, person.fullName, false);
  }

  protected addNew(): void {
    const fullName = this.invite.controls.fullName.value.trim();
    const email = this.invite.controls.email.value.trim();
    const errors = [];
    if (!fullName) errors.push({ field: 'fullName', text: ADD_DELEGATE_MESSAGES.nameRequired });
    if (!email) errors.push({ field: 'email', text: ADD_DELEGATE_MESSAGES.emailRequired });
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push({ field: 'email', text: ADD_DELEGATE_MESSAGES.emailInvalid });
    this.errors.set(errors);
    if (errors.length > 0) return;
    this.send({ fullName, email }, fullName, true);
  }

  private send(
    request: { userId?: string; fullName?: string; email?: string },
    name: string,
    invited: boolean,
  ) {
    if (this.saving()) return;
    this.saving.set(true);
    this.enrolmentsApi.add(this.id(), request).subscribe({
      next: (enrolment) => {
        this.flash.set(addedMessage(name, enrolment, invited));
        void this.router.navigate(['/cohorts', this.id()]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
