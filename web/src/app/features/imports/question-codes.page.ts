import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { IMPORT_STAGES, Instrument, InstrumentItem, Programme } from '@upstand/contracts';
import { of, switchMap } from 'rxjs';
import { InstrumentsApiService } from '../../core/api/instruments-api.service';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { jumpTo } from '../../shared/focus';
import { LOADING, loadErrors, loadState, LoadState, loadedValue } from '../../shared/load-state';
import { STAGE_LABELS } from '../programmes/questionnaire-editor.model';
import { acceptedAnswers } from './imports.model';

/**
 * The codes of the questions of each questionnaire an import can fill (pre, post and follow-up), with their
 * wording and the answers the import takes: what to put in the item_code and value columns.
 */
@Component({
  selector: 'app-question-codes-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent],
  template: `
    <app-error-summary
      [loadState]="programmes()"
      loadHeading="The programmes could not be loaded"
      [errors]="instrumentErrors()"
    />
    <h1>Question codes</h1>
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <p>
          In a file of evaluation responses, item_code names the question each answer is for. These are the
          codes of the current questionnaires, with the answers an import takes for each.
        </p>
      </div>
    </div>

    @if (programmeList().length > 1) {
      <form method="get" action="/imports/question-codes" (submit)="choose($event)" novalidate>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="programmeId">Programme</label>
          <select class="nhsuk-select" id="programmeId" name="programmeId">
            @for (option of programmeList(); track option.id) {
              <option [value]="option.id" [selected]="option.id === programme()?.id">
                {{ option.name }}
              </option>
            }
          </select>
        </div>
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">Show codes</button>
      </form>
    }

    @switch (instruments().status) {
      @case ('loading') {
        @if (programmes().status !== 'failed') {
          <p role="status">Loading questions…</p>
        }
      }
      @case ('loaded') {
        @if (programme(); as shown) {
          <p class="nhsuk-body-s">Programme: {{ shown.name }}</p>
        }
        @if (!stages().length) {
          <p>This programme has no questionnaires yet.</p>
        }
        <nav class="nhsuk-contents-list" aria-label="Questionnaires">
          <ol class="nhsuk-contents-list__list">
            @for (instrument of stages(); track instrument.stage) {
              <li class="nhsuk-contents-list__item">
                <a
                  class="nhsuk-contents-list__link"
                  [href]="'#codes-' + instrument.stage"
                  (click)="jump($event, 'codes-' + instrument.stage)"
                  >{{ stageLabel(instrument) }}</a
                >
              </li>
            }
          </ol>
        </nav>
        @for (instrument of stages(); track instrument.stage) {
          <section class="nhsuk-u-margin-bottom-7" [attr.data-stage]="instrument.stage">
            <h2 [id]="'codes-' + instrument.stage" tabindex="-1">{{ stageLabel(instrument) }}</h2>
            <p>
              stage: <code>{{ instrument.stage }}</code> · {{ instrument.title }}, version
              {{ instrument.version }}
            </p>
            <div
              class="nhsuk-table-container"
              role="region"
              [attr.aria-labelledby]="'codes-' + instrument.stage"
              tabindex="0"
            >
              <table
                class="nhsuk-table-responsive"
                role="table"
                [attr.data-testid]="'codes-' + instrument.stage"
              >
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                  Question codes:
                  {{
                    stageLabel(instrument)
                  }}
                </caption>
                <thead class="nhsuk-table__head" role="rowgroup">
                  <tr class="nhsuk-table__row" role="row">
                    <th class="nhsuk-table__header" scope="col" role="columnheader">Code</th>
                    <th class="nhsuk-table__header" scope="col" role="columnheader">Question</th>
                    <th class="nhsuk-table__header" scope="col" role="columnheader">Answers it takes</th>
                  </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                  @for (item of instrument.items; track item.code) {
                    <tr class="nhsuk-table__row" role="row">
                      <td class="nhsuk-table__cell app-code-cell" role="cell">
                        <span class="nhsuk-table-responsive__heading" aria-hidden="true">Code </span>
                        <code>{{ item.code }}</code>
                      </td>
                      <td class="nhsuk-table__cell" role="cell">
                        <span class="nhsuk-table-responsive__heading" aria-hidden="true">Question </span>
                        <span>
                          {{ item.wording }}
                          @if (!item.required) {
                            <span class="nhsuk-body-s app-secondary-line">Optional</span>
                          }
                        </span>
                      </td>
                      <td class="nhsuk-table__cell" role="cell">
                        <span class="nhsuk-table-responsive__heading" aria-hidden="true"
                          >Answers it takes
                        </span>
                        <span>{{ answers(item) }}</span>
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          </section>
        }
      }
    }
    <p><a routerLink="/imports">Back to import data</a></p>
  `,
})
export class QuestionCodesPage {
  private readonly router = inject(Router);
  private readonly instrumentsApi = inject(InstrumentsApiService);

  /** Query parameter: the programme whose questions to list; the first one when not given. */
  readonly programmeId = input<string | undefined>(undefined);

  protected readonly programmes = toSignal(loadState(inject(ProgrammesApiService).list()), {
    initialValue: LOADING as LoadState<Programme[]>,
  });
  protected readonly programmeList = computed(() =>
    [...(loadedValue(this.programmes()) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
  );
  protected readonly programme = computed(() => {
    const list = this.programmeList();
    return list.find((programme) => programme.id === this.programmeId()) ?? list[0] ?? null;
  });
  protected readonly instruments = toSignal(
    toObservable(this.programme).pipe(
      switchMap((programme) =>
        programme
          ? loadState(this.instrumentsApi.list(programme.id))
          : of(LOADING as LoadState<Instrument[]>),
      ),
    ),
    { initialValue: LOADING as LoadState<Instrument[]> },
  );
  protected readonly instrumentErrors = computed(() => loadErrors(this.instruments()));
  /** The questionnaires an import fills, in the order delegates meet them. */
  protected readonly stages = computed(() => {
    const list = loadedValue(this.instruments()) ?? [];
    return IMPORT_STAGES.map((stage) => list.find((instrument) => instrument.stage === stage)).filter(
      (instrument): instrument is Instrument => !!instrument,
    );
  });

  protected readonly jump = jumpTo;

  protected stageLabel(instrument: Instrument): string {
    return STAGE_LABELS[instrument.stage];
  }

  protected answers(item: InstrumentItem): string {
    return acceptedAnswers(item);
  }

  protected choose(event: Event): void {
    event.preventDefault();
    const programmeId = String(new FormData(event.target as HTMLFormElement).get('programmeId') ?? '');
    void this.router.navigate(['/imports/question-codes'], { queryParams: { programmeId } });
  }
}
