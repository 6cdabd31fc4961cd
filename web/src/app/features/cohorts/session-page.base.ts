import { computed, Directive, inject, input, OnInit, signal } from '@angular/core';
import { Router } from '@angular/router';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { SessionsApiService } from '../../core/api/sessions-api.service';
import { FlashService } from '../../core/flash.service';
import { FormErrors } from '../../shared/form-errors';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { formatLondonRange } from '../../shared/london-time';
import { CohortAndSession, loadCohortSession, SESSION_NOT_FOUND } from './cohort-session';

/**
 * What the pages that change one session share: the route parameters, loading the cohort and session, the form's
 * errors, and going back to the cohort page with a success message.
 */
@Directive()
export abstract class SessionPageBase implements OnInit {
  protected readonly cohortsApi = inject(CohortsApiService);
  protected readonly sessionsApi = inject(SessionsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameters. */
  readonly cohortId = input.required<string>();
  readonly sessionId = input.required<string>();

  protected abstract readonly errors: FormErrors;
  protected readonly saving = signal(false);
  protected readonly state = signal<LoadState<CohortAndSession>>(LOADING);
  protected readonly loaded = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  /** "Thursday 25 March 2027, 9:00am to 4:30pm" */
  protected readonly when = computed(() => {
    const session = this.loaded()?.session;
    return session ? formatLondonRange(session.startsAt, session.endsAt) : '';
  });

  ngOnInit(): void {
    loadState(
      loadCohortSession(this.cohortsApi, this.cohortId(), this.sessionId()),
      SESSION_NOT_FOUND,
    ).subscribe((state) => {
      if (state.status === 'loaded') this.onLoaded(state.value);
      this.state.set(state);
    });
  }

  /** Fills the form from the loaded session. */
  protected onLoaded(_loaded: CohortAndSession): void {
    // Nothing by default.
  }

  protected done(message: string): void {
    this.errors.clear();
    this.flash.set(message);
    void this.router.navigate(['/cohorts', this.cohortId()]);
  }

  protected failed(): void {
    this.saving.set(false);
  }
}
