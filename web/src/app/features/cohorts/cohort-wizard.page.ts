import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  CreateCohortRequest,
  Facilitator,
  FACILITATOR_LEVEL_LABELS,
  Organisation,
  Programme,
  SchedulePreview,
  Venue,
} from '@upstand/contracts';
import { dayOfWeek } from '@upstand/schedule';
import { catchError, distinctUntilChanged, map, Observable, of, switchMap } from 'rxjs';
import { mapApiError } from '../../core/api-error';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { FacilitatorsApiService } from '../../core/api/facilitators-api.service';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { VenuesApiService } from '../../core/api/venues-api.service';
import { SchedulingWarningsComponent } from '../../shared/scheduling-warnings.component';
import { FlashService } from '../../core/flash.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { DateInputComponent } from '../../shared/date-input.component';
import { EMPTY_DATE } from '../../shared/date-parts';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusElement } from '../../shared/focus';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { loadErrors, loadState, LoadState } from '../../shared/load-state';
import { formatLongDate, londonDate, LondonTimesPipe, WEEKDAYS } from '../../shared/london-time';
import { formatNhsDate } from '../../shared/nhs-date.pipe';
import {
  checkDetails,
  checkPeople,
  DEFAULT_CAPACITY,
  Details,
  People,
  STEP_TITLES,
  toStep,
  WIZARD_STEPS,
  WizardStep,
  WORKSHOP_STAFFING_HINT,
  workshopFacilitatorOptions,
} from './cohort-wizard.model';

const FIELDS = [
  'programmeId',
  'name',
  'systemOdsCode',
  'startDate',
  'capacity',
  'venueId',
  'facilitatorIds',
  'joinUrl',
] as const;

interface Lookup<T> {
  list: T[];
  failed: boolean;
}

function lookup<T>(source: Observable<T[]>, sort: (a: T, b: T) => number): Observable<Lookup<T>> {
  return source.pipe(
    map((list) => ({ list: [...list].sort(sort), failed: false })),
    catchError(() => of({ list: [] as T[], failed: true })),
  );
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

/**
 * Create a cohort in three steps on one address (`?step=details|people|check`), so the browser's back button
 * moves between steps: the details, then the venue, facilitators and join link, then the generated schedule to
 * check before saving.
 */
@Component({
  selector: 'app-cohort-wizard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    ErrorSummaryComponent,
    DateInputComponent,
    LinkButtonDirective,
    LondonTimesPipe,
    SchedulingWarningsComponent,
    ...FORM_FIELD,
  ],
  templateUrl: './cohort-wizard.page.html',
})
export class CohortWizardPage {
  private readonly cohortsApi = inject(CohortsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);
  private readonly titles = inject(PageTitleStrategy);
  private readonly injector = inject(Injector);

  /** Query parameter `step`. */
  readonly stepParam = input<string | undefined>(undefined, { alias: 'step' });
  protected readonly step = computed<WizardStep>(() => toStep(this.stepParam()));
  protected readonly stepTitle = computed(() => STEP_TITLES[this.step()]);
  protected readonly stepNumber = computed(() => WIZARD_STEPS.indexOf(this.step()) + 1);

  protected readonly errors = new FormErrors(FIELDS);
  protected readonly saving = signal(false);
  protected readonly staffingHint = WORKSHOP_STAFFING_HINT;

  protected readonly form = inject(NonNullableFormBuilder).group({
    programmeId: [''],
    name: [''],
    systemOdsCode: [''],
    startDate: [EMPTY_DATE],
    capacity: [String(DEFAULT_CAPACITY)],
    venueId: [''],
    facilitatorIds: [[] as string[]],
    joinUrl: [''],
  });

  /** What each step accepted; later steps are only reachable once earlier ones are done. */
  protected readonly details = signal<Details | null>(null);
  protected readonly people = signal<People | null>(null);

  protected readonly programmes = toSignal(
    lookup(inject(ProgrammesApiService).list(), byName).pipe(
      map((result) => {
        const only = result.list.length === 1 ? result.list[0] : undefined;
        if (only && !this.form.controls.programmeId.value) this.form.controls.programmeId.setValue(only.id);
        return result;
      }),
    ),
  );
  protected readonly systems = toSignal(
    lookup(inject(OrganisationsApiService).list({ type: 'icb' }), byName).pipe(
      map((result) => {
        const home = result.list.find((icb) => icb.isHomeSystem);
        if (home && !this.form.controls.systemOdsCode.value)
          this.form.controls.systemOdsCode.setValue(home.odsCode);
        return result;
      }),
    ),
  );
  protected readonly venues = toSignal(lookup(inject(VenuesApiService).list(), byName));
  protected readonly facilitators = toSignal(
    lookup(inject(FacilitatorsApiService).list(), (a: Facilitator, b: Facilitator) =>
      a.fullName.localeCompare(b.fullName, 'en-GB'),
    ),
  );
  protected readonly facilitatorOptions = computed(() =>
    workshopFacilitatorOptions(this.facilitators()?.list ?? [], FACILITATOR_LEVEL_LABELS),
  );
  protected readonly facilitatorHint = computed(() => {
    const loaded = this.facilitators();
    if (loaded?.failed)
      return 'The list of facilitators could not be loaded. You can add facilitators later.';
    if (loaded && !this.facilitatorOptions().length)
      return 'No active facilitators can run workshops yet. You can add facilitators later.';
    return this.staffingHint;
  });

  /** The schedule the API would create, fetched on the check step. */
  private readonly previewRequest = computed(() => {
    const details = this.details();
    return this.step() === 'check' && details
      ? { programmeId: details.programmeId, startDate: details.startDate }
      : null;
  });
  protected readonly preview = toSignal(
    toObservable(this.previewRequest).pipe(
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      switchMap((request) =>
        request ? loadState(this.cohortsApi.preview(request)) : of<LoadState<SchedulePreview> | null>(null),
      ),
    ),
    { initialValue: null },
  );
  protected readonly previewErrors = computed(() => {
    const preview = this.preview();
    return preview ? loadErrors(preview) : [];
  });
  protected readonly sessions = computed(() => {
    const preview = this.preview();
    return preview?.status === 'loaded' ? preview.value.sessions : [];
  });
  protected readonly templateVersion = computed(() => {
    const preview = this.preview();
    return preview?.status === 'loaded' ? preview.value.templateVersion : null;
  });
  /** Set when the first workshop had to move off a weekend or bank holiday. */
  /** E.g. a workshop split over Easter: worth seeing before saving, while the start date is easy to change. */
  protected readonly previewWarnings = computed(() => {
    const preview = this.preview();
    return preview?.status === 'loaded' ? (preview.value.warnings ?? []) : [];
  });
  protected readonly movedStart = computed(() => {
    const first = this.sessions()[0];
    const details = this.details();
    if (!first || !details) return null;
    const actual = londonDate(first.startsAt);
    return actual !== details.startDate
      ? { asked: formatLongDate(details.startDate), actual: formatLongDate(actual) }
      : null;
  });

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    // A step can only be shown once the steps before it are done (not after a reload, say).
    effect(() => {
      const step = this.step();
      untracked(() => {
        if (step !== 'details' && !this.details()) this.goTo('details', true);
        else if (step === 'check' && !this.people()) this.goTo('people', true);
      });
    });
    // Each step is a page of its own: its title, and focus on its heading (as after moving to another page).
    let first = true;
    effect(() => {
      const title = this.stepTitle();
      untracked(() => {
        this.titles.setPageTitle(`${title} – Create a cohort`);
        if (first) {
          first = false;
          return;
        }
        this.errors.clear();
        afterNextRender(
          () => {
            const heading = this.heading()?.nativeElement;
            if (heading) focusElement(heading);
          },
          { injector: this.injector },
        );
      });
    });
  }

  private goTo(step: WizardStep, replaceUrl = false): void {
    void this.router.navigate(['/cohorts/new'], { queryParams: { step }, replaceUrl });
  }

  protected continue(): void {
    const value = this.form.getRawValue();
    if (this.step() === 'details') {
      const checked = checkDetails(value);
      if (!checked.ok) return this.errors.set(checked.errors);
      this.details.set(checked.value);
      this.goTo('people');
    } else if (this.step() === 'people') {
      const checked = checkPeople(value);
      if (!checked.ok) return this.errors.set(checked.errors);
      this.people.set(checked.value);
      this.goTo('check');
    }
  }

  protected save(): void {
    const details = this.details();
    const people = this.people();
    if (this.saving() || !details || !people || this.preview()?.status !== 'loaded') return;
    const request: CreateCohortRequest = {
      ...details,
      ...(people.venueId ? { venueId: people.venueId } : {}),
      ...(people.facilitatorIds.length ? { facilitatorIds: people.facilitatorIds } : {}),
      ...(people.joinUrl ? { joinUrl: people.joinUrl } : {}),
    };
    this.saving.set(true);
    this.cohortsApi.create(request).subscribe({
      next: (cohort) => {
        this.errors.clear();
        this.flash.set(`Cohort ${cohort.name} created`);
        void this.router.navigate(['/cohorts', cohort.id]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        // The fields are on earlier steps: list the messages without links; "Change" leads to each answer.
        this.errors.set(mapApiError(error, { fields: [] }).errors);
      },
    });
  }

  // Labels for the check step.
  protected programmeName(id: string): string {
    return this.programmes()?.list.find((p: Programme) => p.id === id)?.name ?? '';
  }
  protected systemLabel(odsCode: string): string {
    const system = this.systems()?.list.find((s: Organisation) => s.odsCode === odsCode);
    return system ? `${system.name} (${system.odsCode})` : odsCode;
  }
  protected venueName(id: string | null): string {
    return id ? (this.venues()?.list.find((v: Venue) => v.id === id)?.name ?? '') : '';
  }
  protected facilitatorNames(ids: readonly string[]): string[] {
    const all = this.facilitators()?.list ?? [];
    return ids.map((id) => all.find((f) => f.id === id)?.fullName ?? id);
  }
  protected weekday(instant: string): string {
    return WEEKDAYS[dayOfWeek(londonDate(instant)) - 1];
  }
  protected date(instant: string): string {
    return formatNhsDate(londonDate(instant));
  }
}
