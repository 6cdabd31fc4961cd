import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { OpenCohort, Paged } from '@upstand/contracts';
import { switchMap } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { SessionService } from '../../core/auth/session.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { pageParam, PageLinksComponent, PageSummaryComponent } from '../../shared/pagination.component';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { signUpMessage } from '../journey/journey.model';
import { OpenCohortDetailsComponent } from './open-cohort-details.component';

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
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    SuccessBannerComponent,
    OpenCohortDetailsComponent,
    PageSummaryComponent,
    PageLinksComponent,
  ],
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
          Sign up for a cohort of the NHS Active Bystander Programme. Each cohort starts with a workshop in
          person over one and a half days. Then you meet online 5 times, once a month, for 90 minutes, in an
          action learning set of 6 to 8 colleagues.
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
        @if (result(); as paged) {
          <app-page-summary
            [page]="paged.page"
            [total]="paged.total"
            [pageSize]="paged.pageSize"
            noun="open cohorts"
          />
        }
        @if (cohorts().length) {
          <ul class="nhsuk-list" data-testid="open-cohorts">
            @for (cohort of cohorts(); track cohort.id) {
              <li class="nhsuk-card" [attr.data-cohort-id]="cohort.id">
                <div class="nhsuk-card__content">
                  <h2 class="nhsuk-card__heading nhsuk-heading-m">{{ cohort.name }}</h2>
                  <app-open-cohort-details [cohort]="cohort" />
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
        @if (result(); as paged) {
          <app-page-links
            [page]="paged.page"
            [total]="paged.total"
            [pageSize]="paged.pageSize"
            label="Pages of open cohorts"
          />
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

  /** Query parameter: the page of the list. */
  readonly page = input<string>();
  private readonly pageNumber = computed(() => pageParam(this.page()));

  protected readonly state = toSignal(
    toObservable(this.pageNumber).pipe(
      switchMap((page) => loadState(this.api.openCohorts(page > 1 ? { page } : {}))),
    ),
    { initialValue: LOADING as LoadState<Paged<OpenCohort>> },
  );
  protected readonly result = computed(() => loadedValue(this.state()));
  protected readonly cohorts = computed(() => this.result()?.items ?? []);
  protected readonly canSignUp = computed(() => this.session.roles().has('delegate'));
  protected readonly continuing = computed(() => {
    const id = this.signUpId();
    if (!id || !this.canSignUp()) return null;
    return this.cohorts().find((cohort) => cohort.id === id) ?? null;
  });

  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);
  protected readonly restriction = restrictionNote;

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
