import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  EvaluationStage,
  Instrument,
  ItemType,
  Programme,
  PublishInstrumentRequest,
} from '@upstand/contracts';
import { forkJoin, map, of } from 'rxjs';
import { InstrumentsApiService } from '../../core/api/instruments-api.service';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { FlashService } from '../../core/flash.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusElement, jumpTo } from '../../shared/focus';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { formatLondonDateTime } from '../../shared/london-time';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { QuestionnaireFormComponent } from '../questionnaires/questionnaire-form.component';
import {
  checkDraft,
  constructOptions,
  DraftItem,
  draftApiErrors,
  isEvaluationStage,
  ITEM_TYPE_OPTIONS,
  itemFieldId,
  itemHeadingId,
  ITEMS_FIELD,
  newDraft,
  publishedMessage,
  SHORT_LABEL_MAX_LENGTH,
  STAGE_LABELS,
  toDraft,
} from './questionnaire-editor.model';

type ItemForm = FormGroup<{
  code: FormControl<string>;
  wording: FormControl<string>;
  shortLabel: FormControl<string>;
  type: FormControl<ItemType>;
  options: FormControl<string>;
  construct: FormControl<string>;
  required: FormControl<boolean>;
  retrospective: FormControl<boolean>;
}>;

/** One question on the form: `key` keeps its inputs while it moves; `existing` locks a published code. */
interface Row {
  key: number;
  existing: boolean;
  /** The construct it had when the page loaded, kept as a choice even if it is not a known one. */
  originalConstruct: string;
  form: ItemForm;
}

interface Loaded {
  programme: Programme;
  instrument: Instrument;
}

const NO_SUCH_STAGE: LoadState<never> = {
  status: 'failed',
  httpStatus: 404,
  errors: [{ text: 'There is no questionnaire for this stage.' }],
};

/**
 * Edits the questions of one stage's questionnaire and publishes them as its next version: wording, type, options,
 * construct and flags; questions can be added, removed and moved (focus stays on the moved question's button and a
 * live region says where it went). Published codes cannot be changed: they pair answers across stages.
 */
@Component({
  selector: 'app-questionnaire-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    ErrorSummaryComponent,
    QuestionnaireFormComponent,
    ...FORM_FIELD,
  ],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The questionnaire could not be loaded"
          [errors]="errors.items()"
        />
        <h1>
          @if (loaded(); as loaded) {
            <span class="nhsuk-caption-l">{{ loaded.programme.name }}</span>
          }
          Edit questions: {{ stageLabel() }}
        </h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading questionnaire…</p>
          }
          @case ('failed') {
            <p><a [routerLink]="backLink()">Back to questionnaires</a></p>
          }
          @default {
            @if (loaded(); as loaded) {
              <p data-testid="current-version">
                Version {{ loaded.instrument.version }}, published {{ published(loaded.instrument) }}.
              </p>
            }
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              <p>
                Publishing makes a new version that delegates answer from then on. Responses already given
                keep the version they were answered in.
              </p>
            </div>

            @if (preview(); as preview) {
              <section aria-labelledby="preview-heading" data-testid="questionnaire-preview">
                <h2 id="preview-heading" tabindex="-1">Preview as a delegate sees it</h2>
                <div class="nhsuk-inset-text">
                  <span class="nhsuk-u-visually-hidden">Information: </span>
                  <p>
                    This is how delegates will see the questionnaire once you publish it. You can answer it to
                    try it out: answers are checked as a delegate's would be, but never saved.
                  </p>
                </div>
                <button
                  class="nhsuk-button nhsuk-button--secondary"
                  type="button"
                  data-action="close-preview"
                  (click)="closePreview()"
                >
                  Back to editing
                </button>
                <div class="app-preview">
                  <app-error-summary [errors]="previewErrors.items()" />
                  <p class="nhsuk-caption-l">Questionnaire</p>
                  <p class="nhsuk-heading-l" data-testid="preview-title">{{ preview.title }}</p>
                  <p>Answer every question unless it says it is optional.</p>
                  @if (previewAccepted()) {
                    <div class="nhsuk-inset-text" role="status" data-testid="preview-accepted">
                      <span class="nhsuk-u-visually-hidden">Information: </span>
                      <p>These answers would be accepted. Nothing was saved.</p>
                    </div>
                  }
                  <app-questionnaire-form
                    [items]="preview.items"
                    [anonymous]="loaded()?.programme?.anonymousEvaluation ?? false"
                    [errors]="previewErrors"
                    [submitWith]="previewSubmit"
                    (saved)="previewAccepted.set(true)"
                  />
                </div>
              </section>
            } @else {
              @if (rows().length > 1) {
                <nav
                  class="nhsuk-contents-list"
                  aria-labelledby="contents-heading"
                  data-testid="question-contents"
                >
                  <h2 class="nhsuk-heading-s" id="contents-heading">Questions</h2>
                  <ol class="nhsuk-contents-list__list">
                    @for (row of rows(); track row.key; let index = $index) {
                      <li class="nhsuk-contents-list__item">
                        <a
                          class="nhsuk-contents-list__link"
                          [href]="'#' + headingId(index)"
                          (click)="jump($event, headingId(index))"
                          >{{ index + 1 }}. {{ summary(row) }}</a
                        >
                      </li>
                    }
                  </ol>
                </nav>
              }
              <button
                class="nhsuk-button nhsuk-button--secondary"
                type="button"
                data-action="preview"
                (click)="showPreview()"
              >
                Preview as a delegate sees it
              </button>

              <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="publish()" novalidate>
                <app-field field="title" label="Title" hint="Delegates see this as the questionnaire's name">
                  <input
                    class="nhsuk-input"
                    appControl
                    type="text"
                    autocomplete="off"
                    formControlName="title"
                  />
                </app-field>

                @for (row of rows(); track row.key; let index = $index, first = $first, last = $last) {
                  <hr class="nhsuk-section-break nhsuk-section-break--m nhsuk-section-break--visible" />
                  <fieldset
                    class="nhsuk-fieldset nhsuk-u-margin-bottom-6 app-question"
                    [formGroup]="row.form"
                    [attr.data-row]="row.key"
                    [attr.data-item]="row.form.controls.code.value"
                  >
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                      <h2 class="nhsuk-fieldset__heading" [id]="headingId(index)" tabindex="-1">
                        Question {{ index + 1 }}
                      </h2>
                    </legend>

                    @if (row.existing) {
                      <div class="nhsuk-form-group">
                        <p class="nhsuk-body nhsuk-u-margin-bottom-1">
                          Code: <code>{{ row.form.controls.code.value }}</code>
                        </p>
                        <div class="nhsuk-hint">
                          Answers are paired across stages and versions by this code, so it cannot be changed.
                          To ask something different, remove this question and add a new one.
                        </div>
                      </div>
                    } @else {
                      <app-field
                        [field]="fieldId(index, 'code')"
                        label="Code"
                        hint="Lower-case letters, digits and underscores, for example felt_supported. Answers are paired across stages by this code: use the same code as in another stage to compare answers to the same question. It cannot be changed once published."
                      >
                        <input
                          class="nhsuk-input nhsuk-input--width-20"
                          appControl
                          type="text"
                          autocomplete="off"
                          spellcheck="false"
                          formControlName="code"
                        />
                      </app-field>
                    }

                    <app-field [field]="fieldId(index, 'wording')" label="Wording">
                      <textarea
                        class="nhsuk-textarea"
                        appControl
                        rows="3"
                        formControlName="wording"
                      ></textarea>
                    </app-field>

                    <app-field
                      [field]="fieldId(index, 'shortLabel')"
                      label="Short label (optional)"
                      [hint]="shortLabelHint"
                    >
                      <input
                        class="nhsuk-input nhsuk-input--width-30"
                        appControl
                        type="text"
                        autocomplete="off"
                        formControlName="shortLabel"
                      />
                    </app-field>

                    <app-field
                      [field]="fieldId(index, 'type')"
                      label="Type of answer"
                      [hint]="
                        row.existing
                          ? 'Changing the type of a published question makes its answers hard to compare with those already given'
                          : null
                      "
                    >
                      <select class="nhsuk-select" appControl formControlName="type">
                        @for (option of typeOptions; track option.value) {
                          <option [value]="option.value">{{ option.label }}</option>
                        }
                      </select>
                    </app-field>

                    @if (row.form.controls.type.value === 'single-choice') {
                      <app-field
                        [field]="fieldId(index, 'options')"
                        label="Options"
                        hint="Write each option on its own line, in the order delegates see them"
                      >
                        <textarea
                          class="nhsuk-textarea"
                          appControl
                          rows="4"
                          formControlName="options"
                        ></textarea>
                      </app-field>
                    }

                    <app-field
                      [field]="fieldId(index, 'construct')"
                      label="Construct"
                      hint="What the question measures: the Impact reports average the questions of each construct"
                    >
                      <select class="nhsuk-select" appControl formControlName="construct">
                        @for (option of constructChoices(row); track option.value) {
                          <option [value]="option.value">{{ option.label }}</option>
                        }
                      </select>
                    </app-field>

                    <div class="nhsuk-form-group">
                      <fieldset class="nhsuk-fieldset">
                        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Answering</legend>
                        <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                          <div class="nhsuk-checkboxes__item">
                            <input
                              class="nhsuk-checkboxes__input"
                              type="checkbox"
                              [id]="fieldId(index, 'required')"
                              formControlName="required"
                            />
                            <label
                              class="nhsuk-label nhsuk-checkboxes__label"
                              [attr.for]="fieldId(index, 'required')"
                              >Delegates must answer it</label
                            >
                          </div>
                          <div class="nhsuk-checkboxes__item">
                            <input
                              class="nhsuk-checkboxes__input"
                              type="checkbox"
                              [id]="fieldId(index, 'retrospective')"
                              [attr.aria-describedby]="fieldId(index, 'retrospective') + '-hint'"
                              formControlName="retrospective"
                            />
                            <label
                              class="nhsuk-label nhsuk-checkboxes__label"
                              [attr.for]="fieldId(index, 'retrospective')"
                              >Retrospective</label
                            >
                            <div
                              class="nhsuk-hint nhsuk-checkboxes__hint"
                              [id]="fieldId(index, 'retrospective') + '-hint'"
                            >
                              Asks delegates to think back to before the programme, to check how their view of
                              themselves has shifted
                            </div>
                          </div>
                        </div>
                      </fieldset>
                    </div>

                    <div class="nhsuk-button-group">
                      @if (!first) {
                        <button
                          class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                          type="button"
                          data-action="move-up"
                          (click)="move(index, -1)"
                        >
                          Move up<span class="nhsuk-u-visually-hidden"> question {{ index + 1 }}</span>
                        </button>
                      }
                      @if (!last) {
                        <button
                          class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                          type="button"
                          data-action="move-down"
                          (click)="move(index, 1)"
                        >
                          Move down<span class="nhsuk-u-visually-hidden"> question {{ index + 1 }}</span>
                        </button>
                      }
                      <button
                        class="nhsuk-button nhsuk-button--warning nhsuk-button--small"
                        type="button"
                        data-action="remove"
                        (click)="remove(index)"
                      >
                        Remove<span class="nhsuk-u-visually-hidden"> question {{ index + 1 }}</span>
                      </button>
                    </div>
                  </fieldset>
                }

                <p class="nhsuk-u-visually-hidden" role="status" aria-live="polite" data-testid="list-status">
                  {{ announcement() }}
                </p>

                <button
                  class="nhsuk-button nhsuk-button--secondary"
                  type="button"
                  [id]="itemsField"
                  (click)="add()"
                >
                  Add a question
                </button>

                <div class="nhsuk-button-group">
                  <button class="nhsuk-button" type="submit" [disabled]="publishing()">
                    Publish new version
                  </button>
                  <button
                    class="nhsuk-button nhsuk-button--secondary"
                    type="button"
                    data-action="preview"
                    (click)="showPreview()"
                  >
                    Preview
                  </button>
                  <a class="nhsuk-link" [routerLink]="backLink()">Cancel</a>
                </div>
              </form>
            }
          }
        }
      </div>
    </div>
  `,
})
export class QuestionnaireEditorPage implements OnInit {
  private readonly programmes = inject(ProgrammesApiService);
  private readonly instruments = inject(InstrumentsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);
  private readonly builder = inject(NonNullableFormBuilder);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly titles = inject(PageTitleStrategy);

  /** Route parameters `:id` and `:stage`. */
  readonly id = input.required<string>();
  readonly stage = input.required<string>();

  protected readonly typeOptions = ITEM_TYPE_OPTIONS;
  protected readonly shortLabelHint = `What charts and the board report call this question, for example Confidence to intervene. Up to ${SHORT_LABEL_MAX_LENGTH} characters. Leave it empty to show the wording.`;
  protected readonly itemsField = ITEMS_FIELD;
  protected readonly fieldId = itemFieldId;
  protected readonly headingId = itemHeadingId;
  protected readonly errors = new FormErrors();
  protected readonly publishing = signal(false);
  protected readonly announcement = signal('');
  protected readonly rows = signal<Row[]>([]);
  protected readonly state = signal<LoadState<Loaded>>(LOADING);
  protected readonly loaded = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  protected readonly stageLabel = computed(() => {
    const stage = this.stage();
    return isEvaluationStage(stage) ? STAGE_LABELS[stage] : 'questionnaire';
  });
  protected readonly backLink = computed(() => ['/programmes', this.id(), 'questionnaires']);
  protected readonly form = this.builder.group({ title: [''] });
  private nextKey = 0;
  protected readonly jump = jumpTo;

  /** The draft as it would be published, shown with the delegate's own questionnaire form; null while editing. */
  protected readonly preview = signal<PublishInstrumentRequest | null>(null);
  protected readonly previewErrors = new FormErrors();
  protected readonly previewAccepted = signal(false);
  /** The preview's answers are checked by the delegate's form, then dropped: nothing is sent. */
  protected readonly previewSubmit = () => of(null);

  ngOnInit(): void {
    const stage = this.stage();
    if (!isEvaluationStage(stage)) {
      this.state.set(NO_SUCH_STAGE);
      return;
    }
    this.titles.setPageTitle(`Edit questions: ${STAGE_LABELS[stage]}`);
    loadState(
      forkJoin({
        programme: this.programmes.get(this.id()),
        instrument: this.instruments
          .list(this.id())
          .pipe(map((list) => list.find((instrument) => instrument.stage === stage))),
      }),
      'This programme does not exist.',
    ).subscribe((state) => {
      if (state.status !== 'loaded') {
        this.state.set(state);
        return;
      }
      const { programme, instrument } = state.value;
      if (!instrument) {
        this.state.set(NO_SUCH_STAGE);
        return;
      }
      this.form.setValue({ title: instrument.title });
      this.rows.set(instrument.items.map((item) => this.row(toDraft(item))));
      this.state.set({ status: 'loaded', value: { programme, instrument } });
    });
  }

  /** Checks the draft as publishing would, then shows it as delegates will see it (edits are kept). */
  protected showPreview(): void {
    const checked = checkDraft(this.form.controls.title.value, this.drafts());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    this.errors.clear();
    this.previewErrors.clear();
    this.previewAccepted.set(false);
    this.preview.set(checked.request);
    this.focusAfterRender('#preview-heading');
  }

  protected closePreview(): void {
    this.preview.set(null);
    this.previewErrors.clear();
    this.focusAfterRender('[data-action="preview"]');
  }

  /** "I feel confident to intervene" for the list of questions; "New question" before it has wording. */
  protected summary(row: Row): string {
    const wording = row.form.controls.wording.value.trim();
    if (!wording) return 'New question';
    return wording.length > 70 ? `${wording.slice(0, 67).trimEnd()}…` : wording;
  }

  protected published(instrument: Instrument): string {
    return formatLondonDateTime(instrument.publishedAt);
  }

  protected constructChoices(row: Row): { value: string; label: string }[] {
    return constructOptions(row.originalConstruct);
  }

  protected add(): void {
    const rows = [...this.rows(), this.row(newDraft())];
    this.rows.set(rows);
    this.errors.clear();
    this.announcement.set(`Question ${rows.length} added at the end`);
    this.focusAfterRender(`#${cssId(itemFieldId(rows.length - 1, 'code'))}`);
  }

  protected remove(index: number): void {
    const rows = this.rows().filter((_, at) => at !== index);
    this.rows.set(rows);
    this.errors.clear();
    this.announcement.set(
      `Question ${index + 1} removed. ${rows.length === 1 ? '1 question' : `${rows.length} questions`} left.`,
    );
    // Continue from the question that took its place, the one before it, or the add button.
    const next = rows.length ? Math.min(index, rows.length - 1) : -1;
    this.focusAfterRender(next >= 0 ? `#${cssId(itemHeadingId(next))}` : `#${ITEMS_FIELD}`);
  }

  /** Moves a question one place up (-1) or down (1); focus follows it, and the live region says where it is. */
  protected move(index: number, by: -1 | 1): void {
    const rows = [...this.rows()];
    const target = index + by;
    const moving = rows[index];
    const other = rows[target];
    if (!moving || !other) return;
    rows[index] = other;
    rows[target] = moving;
    this.rows.set(rows);
    this.errors.clear();
    const wording = moving.form.controls.wording.value.trim();
    const name = wording ? `“${wording.length > 60 ? `${wording.slice(0, 57)}…` : wording}”` : 'The question';
    this.announcement.set(
      `${name} moved ${by < 0 ? 'up' : 'down'} to question ${target + 1} of ${rows.length}`,
    );
    // The same button if it is still there, otherwise the other way (the question reached the top or bottom).
    const row = `[data-row="${moving.key}"]`;
    const same = by < 0 ? 'move-up' : 'move-down';
    const opposite = by < 0 ? 'move-down' : 'move-up';
    this.focusAfterRender(`${row} [data-action="${same}"]`, `${row} [data-action="${opposite}"]`);
  }

  protected publish(): void {
    if (this.publishing()) return;
    const stage = this.stage() as EvaluationStage;
    const drafts = this.drafts();
    const checked = checkDraft(this.form.controls.title.value, drafts);
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    this.publishing.set(true);
    this.instruments.publish(this.id(), stage, checked.request).subscribe({
      next: (published) => {
        this.errors.clear();
        this.flash.set(publishedMessage(published.version));
        void this.router.navigate(['/programmes', this.id(), 'questionnaires']);
      },
      error: (error: unknown) => {
        this.publishing.set(false);
        this.errors.set(draftApiErrors(error, drafts));
      },
    });
  }

  private drafts(): DraftItem[] {
    return this.rows().map((row) => ({ existing: row.existing, ...row.form.getRawValue() }));
  }

  private row(draft: DraftItem): Row {
    const { existing, ...values } = draft;
    return {
      key: this.nextKey++,
      existing,
      originalConstruct: values.construct,
      form: this.builder.group({
        code: [values.code],
        wording: [values.wording],
        shortLabel: [values.shortLabel],
        type: this.builder.control<ItemType>(values.type),
        options: [values.options],
        construct: [values.construct],
        required: [values.required],
        retrospective: [values.retrospective],
      }),
    };
  }

  /** After the list has re-rendered, focuses the first element matching one of the selectors. */
  private focusAfterRender(...selectors: string[]): void {
    afterNextRender(
      () => {
        for (const selector of selectors) {
          const target = this.host.nativeElement.querySelector<HTMLElement>(selector);
          if (target) {
            focusElement(target);
            return;
          }
        }
      },
      { injector: this.injector },
    );
  }
}

/** Escapes an id such as `items.2.code` for a CSS selector. */
function cssId(id: string): string {
  return id.replace(/\./g, '\\.');
}
