import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Cohort, CohortSession } from '@upstand/contracts';
import { forkJoin, switchMap } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { sessionIcsUrl } from '../../core/api/sessions-api.service';
import { SessionService } from '../../core/auth/session.service';
import { FlashService } from '../../core/flash.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonTimesPipe } from '../../shared/london-time';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { CohortDelegatesComponent } from './cohort-delegates.component';
import { MODE_LABELS } from './cohort-session';
import { CohortSetsComponent } from './cohort-sets.component';
import { CohortWaitingListComponent } from './cohort-waiting-list.component';

interface CohortView {
  cohort: Cohort;
  sessions: CohortSession[];
}

/** A cohort: its details and every session, with what each session still needs. */
@Component({
  selector: 'app-cohort-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    SuccessBannerComponent,
    CohortDelegatesComponent,
    CohortSetsComponent,
    CohortWaitingListComponent,
    NhsDatePipe,
    LondonDatePipe,
    LondonTimesPipe,
  ],
  templateUrl: './cohort.page.html',
})
export class CohortPage {
  private readonly api = inject(CohortsApiService);
  private readonly titles = inject(PageTitleStrategy);
  protected readonly session = inject(SessionService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  /** From the previous page, or a change saved in a section of this one. */
  protected readonly message = signal<string | null>(inject(FlashService).take());
  protected readonly modeLabels = MODE_LABELS;

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly state = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        loadState(
          forkJoin({ cohort: this.api.get(id), sessions: this.api.sessions(id) }),
          'This cohort does not exist.',
        ),
      ),
    ),
    { initialValue: LOADING as LoadState<CohortView> },
  );
  protected readonly cohort = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value.cohort : null;
  });
  protected readonly sessions = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value.sessions : [];
  });
  protected readonly errors = computed(() => loadErrors(this.state()));
  protected readonly problemCount = computed(
    () => this.sessions().filter((s) => s.status !== 'cancelled' && s.problems.length).length,
  );

  constructor() {
    effect(() => {
      const cohort = this.cohort();
      if (cohort) this.titles.setPageTitle(cohort.name);
    });
  }

  protected icsUrl(session: CohortSession): string {
    return sessionIcsUrl(session.id);
  }

  /** Bumped when the waiting list changed the enrolments, so both lists load again. */
  protected readonly refresh = signal(0);

  protected placesChanged(message: string): void {
    this.refresh.update((value) => value + 1);
    this.showMessage(message);
  }

  protected showMessage(message: string): void {
    this.message.set(message);
    focusAfterRender(this.injector, this.host, '[data-testid="success-banner"]');
  }

  protected sessionLink(session: CohortSession, action: string): string[] {
    return ['/cohorts', this.id(), 'sessions', session.id, action];
  }
}
