import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { OpenCohort, Paged } from '@upstand/contracts';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { OpenCohortDetailsComponent } from '../open-cohorts/open-cohort-details.component';

/** How many of the soonest open cohorts the start page shows; the rest are a link away. */
export const UPCOMING_COHORTS = 3;

/**
 * The public start page at `/` for anyone not signed in: what the Active Bystander Programme is, who it is for,
 * what it asks of a delegate and their line manager, the next few open cohorts, and how to join.
 */
@Component({
  selector: 'app-start-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LinkButtonDirective, OpenCohortDetailsComponent],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <h1>The Active Bystander Programme</h1>
        <p class="nhsuk-body-l">
          Learn how to step in safely when you see incivility, bullying, harassment or discrimination at work.
        </p>
        <p>
          The programme is for NHS and care staff. You learn with colleagues from other organisations in your
          area, then keep practising in a small group for 5 months.
        </p>
        <div class="nhsuk-button-group" data-testid="start-actions">
          <a class="nhsuk-button" appLinkButton routerLink="/register">Create an account</a>
          <a class="nhsuk-button nhsuk-button--secondary" appLinkButton routerLink="/login">Sign in</a>
        </div>

        <h2 class="nhsuk-heading-l">What the programme involves</h2>
        <ol class="nhsuk-list nhsuk-list--number" data-testid="journey-steps">
          <li>
            <h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-1">A workshop, in person</h3>
            <p>
              One and a half days of theory and practice, with other staff. You learn the 5 Ds: direct,
              distract, delegate, delay and document.
            </p>
          </li>
          <li>
            <h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-1">5 action learning sets, online</h3>
            <p>
              You meet online once a month for 90 minutes, in a set of 6 to 8 people with a facilitator. You
              talk about what happened when you used what you learned.
            </p>
          </li>
          <li>
            <h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-1">The Community of Practice</h3>
            <p>
              When you finish you get a certificate and can join monthly online catch-ups, an online community
              and a yearly celebration event.
            </p>
          </li>
        </ol>

        <h2 class="nhsuk-heading-l">Who it is for</h2>
        <p>
          NHS and care staff in any role or pay band who work for an organisation in one of the integrated
          care systems taking part. Some cohorts are only open to staff of particular integrated care boards.
        </p>

        <h2 class="nhsuk-heading-l">What it asks of you and your line manager</h2>
        <ul class="nhsuk-list nhsuk-list--bullet">
          <li>come to both workshop days and all 5 action learning sets</li>
          <li>answer short questionnaires before the programme, after it and 3 months later</li>
          <li>ask your line manager to agree the time away from work</li>
        </ul>
        <div class="nhsuk-inset-text">
          <span class="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Some programmes ask your line manager to approve your place. We email them a link when you sign
            up, and your place is confirmed when they approve it.
          </p>
        </div>

        <h2 class="nhsuk-heading-l" id="upcoming-heading">Upcoming open cohorts</h2>
        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading open cohorts…</p>
          }
          @case ('failed') {
            <p>The open cohorts could not be loaded. Try again later.</p>
            <p><a routerLink="/cohorts/open">Go to the open cohorts page</a></p>
          }
          @default {
            @if (upcoming().length) {
              <ul class="nhsuk-list" data-testid="upcoming-cohorts" aria-labelledby="upcoming-heading">
                @for (cohort of upcoming(); track cohort.id) {
                  <li class="nhsuk-card" [attr.data-cohort-id]="cohort.id">
                    <div class="nhsuk-card__content">
                      <h3 class="nhsuk-card__heading nhsuk-heading-m">{{ cohort.name }}</h3>
                      <app-open-cohort-details [cohort]="cohort" />
                    </div>
                  </li>
                }
              </ul>
              <p>
                <a routerLink="/cohorts/open" data-testid="all-open-cohorts"
                  >See all {{ total() }} open {{ total() === 1 ? 'cohort' : 'cohorts' }} and sign up</a
                >
              </p>
            } @else {
              <p>There are no cohorts open for sign-up at the moment. Check again later.</p>
            }
          }
        }

        <h2 class="nhsuk-heading-l">Get started</h2>
        <ul class="nhsuk-grid-row nhsuk-card-group">
          <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <div class="nhsuk-card nhsuk-card--clickable">
              <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-m">
                  <a class="nhsuk-card__link" routerLink="/register">Create an account</a>
                </h3>
                <p class="nhsuk-card__description">
                  New to the programme? Use your work email address. Then choose a cohort and sign up.
                </p>
              </div>
            </div>
          </li>
          <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <div class="nhsuk-card nhsuk-card--clickable">
              <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-m">
                  <a class="nhsuk-card__link" routerLink="/login">Sign in</a>
                </h3>
                <p class="nhsuk-card__description">
                  Already have an account? See your sessions, questionnaires and certificate.
                </p>
              </div>
            </div>
          </li>
        </ul>
      </div>
    </div>
  `,
})
export class StartPage {
  private readonly api = inject(EnrolmentsApiService);

  protected readonly state = toSignal(loadState(this.api.openCohorts()), {
    initialValue: LOADING as LoadState<Paged<OpenCohort>>,
  });
  protected readonly upcoming = computed(
    () => loadedValue(this.state())?.items.slice(0, UPCOMING_COHORTS) ?? [],
  );
  protected readonly total = computed(() => loadedValue(this.state())?.total ?? 0);
}
