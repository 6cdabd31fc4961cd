import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { OpenCohort } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { SessionService } from '../../core/auth/session.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonRangePipe } from '../../shared/london-time';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { signUpMessage } from '../journey/journey.model';

/** How many of a cohort's first sessions to list. */
export const FIRST_DATES = 2;

export const RESTRICTED_MESSAGE =
  'This cohort is only open to staff from particular integrated care boards, and your organisation is not one of them. Choose another cohort.';

/** The address to come back to, to finish signing up for a cohort after creating an account or a profile. */
export function signUpReturnUrl(cohortId: string): string {
  return `/cohorts/open?signUp=${encodeURIComponent(cohortId)}`;
}

/** Whether the API refused a sign-up because the delegate has no profile yet (400 with the field `profile`). */
export function needsProfile(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return false;
  const body = error.error as { errors?: { field?: string }[] } | null;
  return !!body?.errors?.some((fieldError) => fieldError.field === 'profile');
}

/** "Only open to staff of NHS Leicester, Leicestershire and Rutland ICB (QK1)"; other ICBs by ODS code. */
export function restrictionNote(cohort: OpenCohort): string | null {
  if (!cohort.restrictedToSystems.length) return null;
  const names = cohort.restrictedToSystems.map((code) =>
    code === cohort.system.odsCode ? `${cohort.system.name} (${code})` : code,
  );
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `Only open to staff of organisations in ${list}`;
}

/**
 * Cohorts taking sign-ups, for anyone (signed in or not). "Sign up" asks a visitor to create an account and a
 * delegate without a profile to fill it in first, then brings them back here to finish.
 */
@Component({
  selector: 'app-open-cohorts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent, SuccessBannerComponent, NhsDatePipe, LondonRangePipe],
  template: `
    <app-success-banner [message]="flash" />
    <app-error-summary
      [loadState]="state()"
      loadHeading="Open cohorts could not be loaded"
      heading="You could not sign up"
      [errors]="errors()"
    />

    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <h1>Open cohorts</h1>
        <p>
          Sign up for a cohort of the NHS Active Bystander Programme. Each cohort starts with an in-person
          workshop, followed by online action learning sets with a small group of colleagues.
        </p>
        @if (!session.isLoggedIn()) {
          <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">Information: </span>
            <p>
              To sign up you need an account.
              <a routerLink="/register" [queryParams]="{ returnUrl: '/cohorts/open' }">Create an account</a>
              or <a routerLink="/login" [queryParams]="{ returnUrl: '/cohorts/open' }">sign in</a>.
            </p>
          </div>
        } @else if (!canSignUp()) {
          <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">Information: </span>
            <p>Only delegate accounts can sign up for a cohort.</p>
          </div>
        }

        @if (continuing(); as cohort) {
          <div
            class="nhsuk-card nhsuk-card--feature"
            data-testid="continue-sign-up"
            data-autofocus
            tabindex="-1"
          >
            <div class="nhsuk-card__content">
              <h2 class="nhsuk-card__heading nhsuk-heading-m">Finish signing up</h2>
              <p class="nhsuk-card__description">Sign up for {{ cohort.name }} now?</p>
              <button
                class="nhsuk-button nhsuk-u-margin-bottom-0"
                type="button"
                [attr.aria-disabled]="busy() || null"
                (click)="signUp(cohort)"
              >
                Sign up<span class="nhsuk-u-visually-hidden"> for {{ cohort.name }}</span>
              </button>
            </div>
          </div>
        }
      </div>
    </div>

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading open cohorts…</p>
      }
      @case ('failed') {
        <p>Try again later.</p>
      }
      @default {
        @if (cohorts().length) {
          <ul class="nhsuk-list" data-testid="open-cohorts">
            @for (cohort of cohorts(); track cohort.id) {
              <li class="nhsuk-card" [attr.data-cohort-id]="cohort.id">
                <div class="nhsuk-card__content">
                  <h2 class="nhsuk-card__heading nhsuk-heading-m">{{ cohort.name }}</h2>
                  <dl class="nhsuk-summary-list">
                    <div class="nhsuk-summary-list__row">
                      <dt class="nhsuk-summary-list__key">Programme</dt>
                      <dd class="nhsuk-summary-list__value">{{ cohort.programmeName }}</dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                      <dt class="nhsuk-summary-list__key">System</dt>
                      <dd class="nhsuk-summary-list__value">
                        {{ cohort.system.name }} ({{ cohort.system.odsCode }})
                      </dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                      <dt class="nhsuk-summary-list__key">First dates</dt>
                      <dd class="nhsuk-summary-list__value" data-testid="first-dates">
                        @for (session of firstSessions(cohort); track $index) {
                          <span class="app-secondary-line app-first-date">
                            <span class="nhsuk-u-font-weight-bold">{{ session.title }}</span>
                            {{ session.startsAt | londonRange: session.endsAt }}
                            ({{ session.mode === 'virtual' ? 'online' : 'in person' }})
                          </span>
                        } @empty {
                          Starts {{ cohort.startDate | nhsDate }}
                        }
                      </dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                      <dt class="nhsuk-summary-list__key">Places</dt>
                      <dd class="nhsuk-summary-list__value" data-testid="places">
                        @if (cohort.placesLeft > 0) {
                          {{ cohort.placesLeft }} {{ cohort.placesLeft === 1 ? 'place' : 'places' }} left
                        } @else {
                          <strong class="nhsuk-tag nhsuk-tag--orange">Full: join the waiting list</strong>
                        }
                      </dd>
                    </div>
                  </dl>
                  @if (restriction(cohort); as note) {
                    <p class="nhsuk-body-s" data-testid="restriction">{{ note }}</p>
                  }
                  @if (!session.isLoggedIn() || canSignUp()) {
                    <button
                      class="nhsuk-button nhsuk-u-margin-bottom-0"
                      type="button"
                      [attr.aria-disabled]="busy() || null"
                      (click)="signUp(cohort)"
                    >
                      Sign up<span class="nhsuk-u-visually-hidden"> for {{ cohort.name }}</span>
                    </button>
                  }
                </div>
              </li>
            }
          </ul>
        } @else {
          <p>There are no cohorts open for sign-up at the moment. Check again later.</p>
        }
      }
    }
  `,
})
export class OpenCohortsPage {
  private readonly api = inject(EnrolmentsApiService);
  private readonly router = inject(Router);
  private readonly flashes = inject(FlashService);
  protected readonly session = inject(SessionService);
  protected readonly flash = this.flashes.take();

  /** Query parameter: the cohort a visitor was signing up for before creating an account or a profile. */
  readonly signUpId = input<string | undefined>(undefined, { alias: 'signUp' });

  protected readonly state = toSignal(loadState(this.api.openCohorts()), {
    initialValue: LOADING as LoadState<OpenCohort[]>,
  });
  protected readonly cohorts = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : [];
  });
  protected readonly canSignUp = computed(() => this.session.roles().has('delegate'));
  protected readonly continuing = computed(() => {
    const id = this.signUpId();
    if (!id || !this.canSignUp()) return null;
    return this.cohorts().find((cohort) => cohort.id === id) ?? null;
  });

  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);
  protected readonly restriction = restrictionNote;

  protected firstSessions(cohort: OpenCohort): OpenCohort['sessions'] {
    return [...cohort.sessions]
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
      .slice(0, FIRST_DATES);
  }

  protected signUp(cohort: OpenCohort): void {
    if (this.busy()) return;
    const returnUrl = signUpReturnUrl(cohort.id);
    if (!this.session.isLoggedIn()) {
      void this.router.navigate(['/register'], { queryParams: { returnUrl } });
      return;
    }
    this.busy.set(true);
    this.api.signUp(cohort.id).subscribe({
      next: (enrolment) => {
        this.busy.set(false);
        this.errors.set([]);
        this.flashes.set(signUpMessage(enrolment));
        void this.router.navigate(['/journey']);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (needsProfile(error)) {
          void this.router.navigate(['/profile'], { queryParams: { returnUrl } });
          return;
        }
        this.errors.set(mapApiError(error, { messages: { 403: RESTRICTED_MESSAGE } }).errors);
      },
    });
  }
}
