import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { DelegateProfile } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { DelegatesApiService } from '../../core/api/delegates-api.service';
import { FlashService } from '../../core/flash.service';
import { safeReturnUrl } from '../../core/return-url';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import {
  AGENDA_FOR_CHANGE,
  BAND_OPTIONS,
  checkProfile,
  PAY_SCHEME_OPTIONS,
  PROFILE_FIELDS,
  STAFF_GROUP_OPTIONS,
} from './profile.model';

export const PROFILE_SAVED = 'Your profile has been saved';

/** The delegate's job, pay and line manager: needed before signing up for a cohort. */
@Component({
  selector: 'app-profile-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, SuccessBannerComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-success-banner [message]="saved()" />
        @if (loadFailures().length) {
          <app-error-summary heading="Your profile could not be loaded" [errors]="loadFailures()" />
        } @else {
          <app-error-summary [errors]="errors.items()" />
        }

        <h1>Your delegate profile</h1>

        @if (loading()) {
          <p role="status">Loading your profile…</p>
        } @else if (!loadFailures().length) {
          @if (returnUrl()) {
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              <p>Before you sign up for a cohort, tell us about your job and your line manager.</p>
            </div>
          }
          <p>
            We use these details to book your place and to report, without names, which staff groups the
            programme reaches.
          </p>

          <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
            <h2 class="nhsuk-heading-m">Your job</h2>
            <app-field
              field="jobTitle"
              label="Job title"
              hint="For example, Staff nurse, emergency department"
            >
              <input
                class="nhsuk-input"
                appControl
                type="text"
                autocomplete="organization-title"
                formControlName="jobTitle"
              />
            </app-field>

            <app-field
              field="staffGroup"
              label="Staff group"
              hint="Your staff group in the Electronic Staff Record (ESR), as shown on your payslip"
            >
              <select class="nhsuk-select" appControl formControlName="staffGroup">
                <option value="">Select your staff group</option>
                @for (group of staffGroups; track group) {
                  <option [value]="group">{{ group }}</option>
                }
              </select>
            </app-field>

            <app-radios
              field="payScheme"
              legend="Pay scheme"
              [options]="paySchemes"
              formControlName="payScheme"
            />

            @if (agendaForChange()) {
              <app-field field="payBand" label="Agenda for Change band">
                <select class="nhsuk-select" appControl formControlName="payBand">
                  <option value="">Select your band</option>
                  @for (band of bands; track band.value) {
                    <option [value]="band.value">{{ band.label }}</option>
                  }
                </select>
              </app-field>
            }

            <h2 class="nhsuk-heading-m">Your line manager</h2>
            <p>
              When your programme asks for it, we email your line manager to approve your place before you
              take it.
            </p>
            <app-field field="lineManagerName" label="Line manager's full name">
              <input
                class="nhsuk-input"
                appControl
                type="text"
                autocomplete="off"
                formControlName="lineManagerName"
              />
            </app-field>
            <app-field field="lineManagerEmail" label="Line manager's work email address">
              <input
                class="nhsuk-input"
                appControl
                type="email"
                autocomplete="off"
                spellcheck="false"
                formControlName="lineManagerEmail"
              />
            </app-field>

            <button class="nhsuk-button" type="submit">Save profile</button>
          </form>

          <h2 class="nhsuk-heading-m">Equality monitoring (optional)</h2>
          <p>
            You can also answer a few optional questions about yourself. They help us check the programme
            reaches, and works for, everyone. Your answers are kept separately from your name and never used
            to make decisions about you.
          </p>
          <p><a routerLink="/profile/equality">Answer the equality monitoring questions</a></p>

          <h2 class="nhsuk-heading-m">Your data</h2>
          <p><a routerLink="/profile/my-data">See and download the data we hold about you</a></p>

          <h2 class="nhsuk-heading-m">Signing in</h2>
          <p>
            <a routerLink="/profile/sign-in">Sign-in and security</a>: set up two-step verification, or link
            your NHS account so you can sign in with it.
          </p>
        }
      </div>
    </div>
  `,
})
export class ProfilePage implements OnInit {
  private readonly api = inject(DelegatesApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Query parameter: where to go once the profile is saved (for example back to sign up for a cohort). */
  readonly returnUrl = input<string>();

  protected readonly staffGroups = STAFF_GROUP_OPTIONS;
  protected readonly paySchemes = PAY_SCHEME_OPTIONS;
  protected readonly bands = BAND_OPTIONS;

  protected readonly errors = new FormErrors(PROFILE_FIELDS);
  protected readonly loading = signal(true);
  protected readonly loadFailures = signal<ErrorItem[]>([]);
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    jobTitle: [''],
    staffGroup: [''],
    payScheme: [null as string | null],
    payBand: [''],
    lineManagerName: [''],
    lineManagerEmail: [''],
  });
  private readonly payScheme = toSignal(this.form.controls.payScheme.valueChanges, {
    initialValue: this.form.controls.payScheme.value,
  });
  protected readonly agendaForChange = computed(() => this.payScheme() === AGENDA_FOR_CHANGE);

  ngOnInit(): void {
    this.api.profile().subscribe({
      next: (profile) => {
        this.fill(profile);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        // No profile yet: an empty form.
        if (!(error instanceof HttpErrorResponse && error.status === 404)) {
          this.loadFailures.set(mapApiError(error).errors);
        }
        this.loading.set(false);
      },
    });
  }

  private fill(profile: DelegateProfile): void {
    this.form.setValue({
      jobTitle: profile.jobTitle,
      staffGroup: profile.staffGroup,
      payScheme: profile.payScheme,
      payBand: profile.payBand ?? '',
      lineManagerName: profile.lineManagerName,
      lineManagerEmail: profile.lineManagerEmail,
    });
  }

  protected submit(): void {
    if (this.saving()) return;
    const checked = checkProfile(this.form.getRawValue());
    if (!checked.ok) {
      this.saved.set(null);
      this.errors.set(checked.errors);
      return;
    }
    this.saving.set(true);
    this.api.saveProfile(checked.profile).subscribe({
      next: (profile) => {
        this.saving.set(false);
        this.errors.clear();
        const returnUrl = this.returnUrl();
        if (returnUrl) {
          this.flash.set(PROFILE_SAVED);
          void this.router.navigateByUrl(safeReturnUrl(returnUrl));
          return;
        }
        this.fill(profile);
        this.saved.set(PROFILE_SAVED);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saved.set(null);
        this.errors.fromApi(error);
      },
    });
  }
}
