import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ImportDateFormat, ImportJob, ImportReport, Programme, WidePreview } from '@upstand/contracts';
import { Observable, Subscription } from 'rxjs';
import { ImportsApiService, UploadEvent } from '../../core/api/imports-api.service';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { ImportReportComponent } from './import-report.component';
import {
  checkChoice,
  checkMapping,
  DATE_FORMAT_OPTIONS,
  draftFromPreview,
  IMPORT_KIND_OPTIONS,
  ImportKind,
  isImportStage,
  jobProgressText,
  MappingDraft,
  needsQuestionCodes,
  STAGE_OPTIONS,
  templateLinks,
} from './imports.model';

type Step = 'choose' | 'map' | 'checked' | 'imported';

const FIELDS = ['kind', 'programmeId', 'stage', 'dateFormat', 'file', 'emailColumn', 'submittedAtColumn'];

/**
 * Imports historical data for a programme: evaluation responses (long format, or a form export whose columns
 * are matched to questions) and delegates' enrolment and attendance history. Every file is checked first (a dry
 * run that saves nothing); only a file without problems can then be imported.
 */
@Component({
  selector: 'app-imports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    ErrorSummaryComponent,
    SuccessBannerComponent,
    ImportReportComponent,
    ...FORM_FIELD,
  ],
  template: `
    <app-success-banner [message]="success()" />
    <app-error-summary
      [loadState]="programmes()"
      loadHeading="The programmes could not be loaded"
      [errors]="errors.items()"
    />

    <h1>Import data</h1>

    @switch (programmes().status) {
      @case ('loading') {
        <p role="status">Loading programmes…</p>
      }
      @case ('failed') {}
      @default {
        <div class="nhsuk-grid-row">
          <div class="nhsuk-grid-column-two-thirds">
            <p>
              Bring in data from before Upstand: questionnaire answers and who took part, and organisations'
              staff headcounts. Check the file first: nothing is saved until the whole file is right.
            </p>
            <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="check()" novalidate>
              <app-radios
                field="kind"
                legend="What are you importing?"
                legendSize="m"
                [options]="kindOptions"
                formControlName="kind"
              />
              @if (kind() === 'headcounts') {
                <div data-testid="headcount-instructions">
                  <h2 class="nhsuk-heading-s">What the headcount file needs</h2>
                  <ul class="nhsuk-list nhsuk-list--bullet">
                    <li>
                      A header row, then one row for each organisation. The columns can be in any order:
                      ods_code, headcount and as_of.
                    </li>
                    <li>
                      ods_code: the organisation's ODS code, for example RWE. The organisation must already be
                      in Upstand. A system lead can change organisations of their own system only.
                    </li>
                    <li>headcount: the number of staff, as a whole number, for example 18150.</li>
                    <li>
                      as_of: the date the staff were counted, written 2026-03-31 or 31/03/2026. It cannot be
                      in the future.
                    </li>
                  </ul>
                </div>
              } @else {
                <app-field field="programmeId" label="Programme">
                  <select class="nhsuk-select" appControl formControlName="programmeId">
                    <option value="">Choose a programme</option>
                    @for (programme of programmeList(); track programme.id) {
                      <option [value]="programme.id">{{ programme.name }}</option>
                    }
                  </select>
                </app-field>
              }
              @if (templates().length || questionCodes()) {
                <div class="nhsuk-inset-text" data-testid="template-links">
                  <span class="nhsuk-u-visually-hidden">Information: </span>
                  @if (templates().length) {
                    <p>
                      Start from the template: it has the header row the import checks and one example row to
                      replace.
                    </p>
                    <ul class="nhsuk-list">
                      @for (link of templates(); track link.href) {
                        <li>
                          <a class="nhsuk-link" [href]="link.href" download>{{ link.text }}</a>
                        </li>
                      }
                    </ul>
                  }
                  @if (questionCodes()) {
                    <p>
                      <a
                        class="nhsuk-link"
                        routerLink="/imports/question-codes"
                        [queryParams]="questionCodesParams()"
                        >Question codes and the answers each question takes</a
                      >
                    </p>
                  }
                </div>
              }
              @if (kind() === 'wide') {
                <app-radios
                  field="stage"
                  legend="Which questionnaire do the responses answer?"
                  [options]="stageOptions"
                  formControlName="stage"
                />
                <app-radios
                  field="dateFormat"
                  legend="How does the file write dates?"
                  [options]="dateFormatOptions"
                  formControlName="dateFormat"
                />
              }
              <app-field field="file" label="File" hint="A .csv or .xlsx file of at most 10 MB">
                <input
                  #fileInput
                  class="nhsuk-file-upload"
                  appControl
                  type="file"
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  (change)="chooseFile(fileInput.files)"
                />
              </app-field>
              @if (step() === 'choose') {
                <button class="nhsuk-button" type="submit" [attr.aria-disabled]="busy() || null">
                  Check file
                </button>
              }
            </form>

            @if (progressText(); as text) {
              <div class="nhsuk-inset-text app-import-progress" data-testid="import-progress">
                <span class="nhsuk-u-visually-hidden">Information: </span>
                <p
                  class="nhsuk-body nhsuk-u-font-weight-bold"
                  role="status"
                  aria-live="polite"
                  data-testid="upload-progress"
                >
                  {{ text }}
                </p>
                @if (job(); as job) {
                  <progress
                    class="app-progress"
                    aria-hidden="true"
                    [attr.max]="job.rowsTotal || null"
                    [attr.value]="job.rowsTotal ? job.rowsDone : null"
                  ></progress>
                  <p class="nhsuk-body-s">
                    Nothing is saved until every row is in. You can stay on this page while it runs.
                  </p>
                }
              </div>
            }
          </div>
        </div>

        @if (step() === 'map' && preview(); as preview) {
          <section aria-labelledby="mapping-heading" data-testid="mapping-step">
            <h2 class="nhsuk-heading-l" id="mapping-heading">Match the columns to questions</h2>
            <p>
              We suggested a question for each column whose heading matches its wording. Check each one.
              Columns without a question are not imported.
            </p>
            <div class="nhsuk-grid-row">
              <div class="nhsuk-grid-column-one-half">
                <app-field
                  field="emailColumn"
                  label="Column with the delegate's email address"
                  [errors]="errors"
                >
                  <select
                    class="nhsuk-select"
                    appControl
                    (change)="setDraft({ emailColumn: $any($event.target).value })"
                  >
                    <option value="" [selected]="!draft().emailColumn">Choose a column</option>
                    @for (column of preview.columns; track column) {
                      <option [value]="column" [selected]="draft().emailColumn === column">
                        {{ column }}
                      </option>
                    }
                  </select>
                </app-field>
              </div>
              <div class="nhsuk-grid-column-one-half">
                <app-field
                  field="submittedAtColumn"
                  label="Column with the completion time"
                  [errors]="errors"
                >
                  <select
                    class="nhsuk-select"
                    appControl
                    (change)="setDraft({ submittedAtColumn: $any($event.target).value })"
                  >
                    <option value="" [selected]="!draft().submittedAtColumn">Choose a column</option>
                    @for (column of preview.columns; track column) {
                      <option [value]="column" [selected]="draft().submittedAtColumn === column">
                        {{ column }}
                      </option>
                    }
                  </select>
                </app-field>
              </div>
            </div>
            <div class="nhsuk-table-container">
              <table class="nhsuk-table" data-testid="mapping-table">
                <caption class="nhsuk-table__caption">
                  Columns in the file
                </caption>
                <thead class="nhsuk-table__head">
                  <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">Column</th>
                    <th class="nhsuk-table__header" scope="col">First answer</th>
                    <th class="nhsuk-table__header" scope="col">Question</th>
                  </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                  @for (column of preview.columns; track column; let index = $index) {
                    <tr class="nhsuk-table__row">
                      <th class="nhsuk-table__header" scope="row" [id]="'column-heading-' + index">
                        {{ column }}
                      </th>
                      <td class="nhsuk-table__cell">{{ preview.sampleRows[0]?.[index] ?? '' }}</td>
                      <td class="nhsuk-table__cell">
                        <label class="nhsuk-u-visually-hidden" [attr.for]="'column-' + index">
                          Question answered in the column {{ column }}
                        </label>
                        <select
                          class="nhsuk-select nhsuk-u-width-full"
                          [id]="'column-' + index"
                          (change)="setItem(index, $any($event.target).value)"
                        >
                          <option value="" [selected]="!draft().itemCodes[index]">Not a question</option>
                          @for (item of preview.items; track item.code) {
                            <option [value]="item.code" [selected]="draft().itemCodes[index] === item.code">
                              {{ item.code }}: {{ shorten(item.wording) }}
                            </option>
                          }
                        </select>
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            <div class="nhsuk-button-group">
              <button
                class="nhsuk-button"
                type="button"
                [attr.aria-disabled]="busy() || null"
                (click)="checkWide()"
              >
                Check file
              </button>
              <button class="nhsuk-button nhsuk-button--secondary" type="button" (click)="startAgain()">
                Choose another file
              </button>
            </div>
          </section>
        }

        @if ((step() === 'checked' || step() === 'imported') && report(); as report) {
          <section aria-labelledby="report-heading" data-testid="report-step">
            <h2 class="nhsuk-heading-l" id="report-heading">
              {{ step() === 'imported' ? 'Import complete' : 'Check complete' }}
            </h2>
            <app-import-report [report]="report" />
            <div class="nhsuk-button-group">
              @if (step() === 'checked' && !report.errors.length) {
                <button
                  class="nhsuk-button"
                  type="button"
                  [attr.aria-disabled]="busy() || null"
                  (click)="importNow()"
                >
                  Import
                </button>
              }
              @if (step() === 'checked' && kind() === 'wide') {
                <button class="nhsuk-button nhsuk-button--secondary" type="button" (click)="backToMapping()">
                  Change the column matches
                </button>
              }
              <button class="nhsuk-button nhsuk-button--secondary" type="button" (click)="startAgain()">
                {{ step() === 'imported' ? 'Import another file' : 'Choose another file' }}
              </button>
            </div>
          </section>
        }
      }
    }
  `,
})
export class ImportsPage implements OnInit {
  private readonly api = inject(ImportsApiService);
  private readonly programmesApi = inject(ProgrammesApiService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private upload?: Subscription;

  protected readonly kindOptions = IMPORT_KIND_OPTIONS;
  protected readonly stageOptions = STAGE_OPTIONS;
  protected readonly dateFormatOptions = DATE_FORMAT_OPTIONS;
  protected readonly errors = new FormErrors(FIELDS);

  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: ['long' as ImportKind],
    programmeId: [''],
    stage: [''],
    dateFormat: ['uk' as ImportDateFormat],
  });
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });
  /** The chosen kind's template (made by the API from the columns its import checks) and question codes. */
  protected readonly templates = computed(() => templateLinks(this.kind()));
  protected readonly questionCodes = computed(() => needsQuestionCodes(this.kind()));
  private readonly programmeId = toSignal(this.form.controls.programmeId.valueChanges, {
    initialValue: this.form.controls.programmeId.value,
  });
  protected readonly questionCodesParams = computed(() => {
    const programmeId = this.programmeId();
    return programmeId ? { programmeId } : {};
  });

  protected readonly programmes = signal<LoadState<Programme[]>>(LOADING);
  protected readonly programmeList = computed(() => {
    const state = this.programmes();
    return state.status === 'loaded' ? state.value : [];
  });

  protected readonly step = signal<Step>('choose');
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  /** Percent uploaded while a request is under way; null when none is. */
  protected readonly progress = signal<number | null>(null);
  /** The server's import job once a real import's file is up: its phase and rows done. */
  protected readonly job = signal<ImportJob | null>(null);
  protected readonly progressText = computed(() => {
    const job = this.job();
    if (job) return jobProgressText(job);
    const percent = this.progress();
    if (percent === null) return null;
    return percent < 100 ? `Uploading ${percent}%` : 'Uploaded. Checking the file…';
  });
  protected readonly preview = signal<WidePreview | null>(null);
  protected readonly draft = signal<MappingDraft>({ emailColumn: '', submittedAtColumn: '', itemCodes: [] });
  protected readonly report = signal<ImportReport | null>(null);
  protected readonly success = signal<string | null>(null);

  constructor() {
    // A new choice of kind, programme, stage or date format means the file must be checked again.
    this.form.valueChanges.subscribe(() => this.startAgain(false));
    inject(DestroyRef).onDestroy(() => this.upload?.unsubscribe());
  }

  ngOnInit(): void {
    loadState(this.programmesApi.list()).subscribe((state) => {
      this.programmes.set(state);
      if (state.status === 'loaded' && state.value.length === 1 && !this.form.controls.programmeId.value)
        this.form.controls.programmeId.setValue(state.value[0]?.id ?? '');
    });
  }

  protected chooseFile(files: FileList | null): void {
    this.file.set(files?.item(0) ?? null);
    this.startAgain(false);
  }

  /** Long questions cut short so the choice fits beside the column; the code tells them apart. */
  protected shorten(wording: string): string {
    return wording.length > 60 ? `${wording.slice(0, 57).trimEnd()}…` : wording;
  }

  protected setDraft(change: Partial<MappingDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...change }));
  }

  protected setItem(index: number, itemCode: string): void {
    this.draft.update((draft) => {
      const itemCodes = [...draft.itemCodes];
      itemCodes[index] = itemCode;
      return { ...draft, itemCodes };
    });
  }

  /** First step: a wide file goes to the mapping step, anything else straight to a dry run. */
  protected check(): void {
    if (this.busy()) return;
    const choice = this.form.getRawValue();
    const problems = checkChoice(choice, this.file());
    const file = this.file();
    if (problems.length || !file) {
      this.errors.set(problems);
      return;
    }
    if (choice.kind === 'wide' && isImportStage(choice.stage)) {
      this.send(this.api.previewWide(choice.programmeId, choice.stage, file), (preview) => {
        this.preview.set(preview);
        this.draft.set(draftFromPreview(preview));
        this.step.set('map');
        focusAfterRender(this.injector, this.host.nativeElement, '#mapping-heading');
      });
      return;
    }
    this.run(true);
  }

  protected checkWide(): void {
    if (this.busy()) return;
    this.run(true);
  }

  protected importNow(): void {
    if (this.busy()) return;
    this.run(false);
  }

  protected backToMapping(): void {
    this.report.set(null);
    this.step.set('map');
  }

  /** Back to the first step, keeping the choices (and the file unless asked). */
  protected startAgain(focus = true): void {
    this.upload?.unsubscribe();
    this.busy.set(false);
    this.progress.set(null);
    this.job.set(null);
    this.preview.set(null);
    this.report.set(null);
    this.success.set(null);
    this.errors.clear();
    this.step.set('choose');
    if (focus) focusAfterRender(this.injector, this.host.nativeElement, '#file');
  }

  private run(dryRun: boolean): void {
    const choice = this.form.getRawValue();
    const file = this.file();
    if (!file) return;
    let request: Observable<UploadEvent<ImportReport>>;
    if (choice.kind === 'wide') {
      const preview = this.preview();
      if (!preview || !isImportStage(choice.stage)) return;
      const checked = checkMapping(preview, this.draft());
      if (!checked.ok) {
        this.errors.set(checked.errors);
        return;
      }
      request = this.api.importWide(
        choice.programmeId,
        choice.stage,
        choice.dateFormat,
        file,
        checked.mapping,
        dryRun,
      );
    } else if (choice.kind === 'headcounts') {
      request = this.api.importHeadcounts(file, dryRun);
    } else if (choice.kind === 'enrolments') {
      request = this.api.importEnrolments(choice.programmeId, file, dryRun);
    } else {
      request = this.api.importResponses(choice.programmeId, file, dryRun);
    }
    this.send(request, (report) => {
      this.report.set(report);
      this.step.set(dryRun ? 'checked' : report.errors.length ? 'checked' : 'imported');
      this.success.set(
        !dryRun && !report.errors.length
          ? `${report.rowsRead} ${report.rowsRead === 1 ? 'row' : 'rows'} imported`
          : null,
      );
      focusAfterRender(
        this.injector,
        this.host.nativeElement,
        dryRun ? '#report-heading' : '[data-autofocus]',
      );
    });
  }

  /** Sends a file, showing its upload progress, then hands over the answer (or shows the error). */
  private send<T>(request: Observable<UploadEvent<T>>, done: (body: T) => void): void {
    this.upload?.unsubscribe();
    this.errors.clear();
    this.busy.set(true);
    this.progress.set(0);
    this.upload = request.subscribe({
      next: (event) => {
        if (event.kind === 'progress') this.progress.set(event.percent);
        else if (event.kind === 'job') this.job.set(event.job);
        else {
          this.busy.set(false);
          this.progress.set(null);
          this.job.set(null);
          done(event.body);
        }
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.progress.set(null);
        this.job.set(null);
        this.errors.fromApi(error);
      },
    });
  }
}
