import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  COMMUNITY_SESSION_KINDS,
  CalendarEntry,
  Cohort,
  Facilitator,
  Organisation,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  SessionKind,
} from '@upstand/contracts';
import { catchError, map, Observable, of, switchMap } from 'rxjs';
import { CalendarApiService } from '../../core/api/calendar-api.service';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { FacilitatorsApiService } from '../../core/api/facilitators-api.service';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { SessionService } from '../../core/auth/session.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import {
  formatClockTime,
  LondonDatePipe,
  londonTime,
  LondonTimesPipe,
  londonToday,
  WEEKDAYS,
} from '../../shared/london-time';
import {
  CALENDAR_VIEWS,
  CalendarFilters,
  calendarStateFrom,
  CalendarView,
  calendarWeeks,
  hasFilters,
  normaliseFrom,
  periodOf,
  toParams,
  toQuery,
  VIEW_LABELS,
} from './calendar.model';

function optional<T>(source: Observable<T[]>): Observable<T[]> {
  return source.pipe(catchError(() => of([] as T[])));
}

/**
 * Every session in a month grid, a week or a list, filtered by system, cohort, kind and facilitator. Everything
 * lives in the address (`?view=&from=&system=…`), so a period and filters can be bookmarked and shared.
 */
@Component({
  selector: 'app-calendar-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent, LondonDatePipe, LondonTimesPipe],
  templateUrl: './calendar.page.html',
})
export class CalendarPage {
  private readonly api = inject(CalendarApiService);
  private readonly router = inject(Router);
  private readonly titles = inject(PageTitleStrategy);
  protected readonly session = inject(SessionService);

  protected readonly views = CALENDAR_VIEWS;
  protected readonly viewLabels = VIEW_LABELS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly kinds = SESSION_KINDS;
  protected readonly kindLabels = SESSION_KIND_LABELS;
  protected readonly today = londonToday();

  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  protected readonly calendar = computed(() => calendarStateFrom(this.params(), this.today));
  protected readonly view = computed(() => this.calendar().view);
  protected readonly filters = computed(() => this.calendar().filters);
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly period = computed(() => periodOf(this.calendar().view, this.calendar().from));

  protected readonly state = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => calendarStateFrom(params, this.today)),
      switchMap((state) => loadState(this.api.entries(toQuery(state, periodOf(state.view, state.from))))),
    ),
    { initialValue: LOADING as LoadState<CalendarEntry[]> },
  );
  protected readonly errors = computed(() => loadErrors(this.state()));
  protected readonly entries = computed(() => {
    const state = this.state();
    const list = state.status === 'loaded' ? state.value : [];
    return [...list].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  });
  protected readonly weeks = computed(() => {
    const view = this.view();
    return view === 'list' ? [] : calendarWeeks(view, this.period(), this.entries(), this.today);
  });

  protected readonly systems = toSignal(
    optional(inject(OrganisationsApiService).list({ type: 'icb' })).pipe(
      map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))),
    ),
    { initialValue: [] as Organisation[] },
  );
  protected readonly cohorts = toSignal(
    optional(inject(CohortsApiService).options()).pipe(
      map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))),
    ),
    { initialValue: [] as Cohort[] },
  );
  /** Only programme leads may list facilitators. */
  protected readonly facilitators = toSignal(
    this.session.isProgrammeLead()
      ? optional(inject(FacilitatorsApiService).list()).pipe(
          map((list) => [...list].sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB'))),
        )
      : of([] as Facilitator[]),
    { initialValue: [] as Facilitator[] },
  );

  constructor() {
    effect(() => {
      this.calendar();
      this.titles.setPageTitle(`${this.period().label} – Calendar`);
    });
  }

  protected viewLink(view: CalendarView) {
    return toParams(view, normaliseFrom(view, this.calendar().from), this.filters());
  }

  protected periodLink(from: string) {
    return toParams(this.view(), from, this.filters());
  }

  protected todayLink() {
    return toParams(this.view(), normaliseFrom(this.view(), this.today), this.filters());
  }

  protected clearFiltersLink() {
    return toParams(this.view(), this.calendar().from, {
      system: '',
      cohortId: '',
      kind: '',
      facilitatorId: '',
    });
  }

  protected startTime(entry: CalendarEntry): string {
    return formatClockTime(londonTime(entry.startsAt));
  }

  protected kindLabel(kind: SessionKind): string {
    return SESSION_KIND_LABELS[kind];
  }

  /** A Community of Practice catch-up or celebration already held: the lead marks who came (no register). */
  protected takesCommunityAttendance(entry: CalendarEntry): boolean {
    return (
      entry.cohortId === null &&
      entry.status !== 'cancelled' &&
      (COMMUNITY_SESSION_KINDS as readonly string[]).includes(entry.kind) &&
      Date.parse(entry.startsAt) <= Date.now()
    );
  }

  /** The filter form is a plain GET form; with the app running, its values become query parameters. */
  protected applyFilters(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const filters: CalendarFilters = {
      system: text('system'),
      cohortId: text('cohortId'),
      kind: (SESSION_KINDS as readonly string[]).includes(text('kind')) ? (text('kind') as SessionKind) : '',
      facilitatorId: text('facilitatorId'),
    };
    void this.router.navigate(['/calendar'], {
      queryParams: toParams(this.view(), this.calendar().from, filters),
    });
  }
}
