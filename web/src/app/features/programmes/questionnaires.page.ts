import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EVALUATION_STAGES, Instrument, InstrumentItem, Programme } from '@upstand/contracts';
import { forkJoin } from 'rxjs';
import { InstrumentsApiService } from '../../core/api/instruments-api.service';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { formatLondonDateTime } from '../../shared/london-time';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { constructLabel, ITEM_TYPE_LABELS, STAGE_LABELS } from './questionnaire-editor.model';

interface Loaded {
  programme: Programme;
  instruments: Instrument[];
}

/** The current version of each stage's questionnaire, with its questions, and a link to edit each. */
@Component({
  selector: 'app-questionnaires-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent, SuccessBannerComponent],
  template: `
    <app-success-banner [message]="flash" />
    @if (state().status === 'failed') {
      <app-error-summary heading="The questionnaires could not be loaded" [errors]="errors()" />
    }
    <h1>
      @if (loaded(); as loaded) {
        <span class="nhsuk-caption-l">{{ loaded.programme.name }}</span>
      }
      Questionnaires
    </h1>

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading questionnaires…</p>
      }
      @case ('failed') {
        <p><a routerLink="/programmes">Back to programmes</a></p>
      }
      @default {
        <p>
          Delegates answer these questionnaires before and after the programme. Editing one publishes a new
          version: responses already given keep the version they were answered in.
        </p>
        @for (instrument of instruments(); track instrument.stage) {
          <section class="nhsuk-u-margin-bottom-7" [attr.data-stage]="instrument.stage">
            <h2 [id]="'stage-' + instrument.stage">{{ stageLabels[instrument.stage] }}</h2>
            <dl class="nhsuk-summary-list">
              <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">Title</dt>
                <dd class="nhsuk-summary-list__value">{{ instrument.title }}</dd>
              </div>
              <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">Version</dt>
                <dd class="nhsuk-summary-list__value" data-testid="version">{{ instrument.version }}</dd>
              </div>
              <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">Published</dt>
                <dd class="nhsuk-summary-list__value">{{ published(instrument) }}</dd>
              </div>
            </dl>
            <div
              class="nhsuk-table-container"
              role="region"
              [attr.aria-labelledby]="'stage-' + instrument.stage"
              tabindex="0"
            >
              <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-table__caption--s">
                  {{
                    instrument.items.length === 1 ? '1 question' : instrument.items.length + ' questions'
                  }}
                </caption>
                <thead class="nhsuk-table__head">
                  <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">Code</th>
                    <th class="nhsuk-table__header" scope="col">Question</th>
                    <th class="nhsuk-table__header" scope="col">Type</th>
                    <th class="nhsuk-table__header" scope="col">Construct</th>
                  </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                  @for (item of instrument.items; track item.code) {
                    <tr class="nhsuk-table__row" [attr.data-item]="item.code">
                      <td class="nhsuk-table__cell">
                        <code>{{ item.code }}</code>
                      </td>
                      <td class="nhsuk-table__cell">
                        {{ item.wording }}
                        @if (notes(item); as notes) {
                          <span class="nhsuk-body-s app-secondary-line">{{ notes }}</span>
                        }
                      </td>
                      <td class="nhsuk-table__cell">{{ typeLabels[item.type] }}</td>
                      <td class="nhsuk-table__cell">{{ construct(item) }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            <p>
              <a [routerLink]="['/programmes', id(), 'questionnaires', instrument.stage]"
                >Edit questions<span class="nhsuk-u-visually-hidden">
                  for {{ stageLabels[instrument.stage] }}</span
                ></a
              >
            </p>
          </section>
        }
        <p><a [routerLink]="['/programmes', id(), 'settings']">Back to programme settings</a></p>
      }
    }
  `,
})
export class QuestionnairesPage implements OnInit {
  private readonly programmes = inject(ProgrammesApiService);
  private readonly instrumentsApi = inject(InstrumentsApiService);
  protected readonly flash = inject(FlashService).take();

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly stageLabels = STAGE_LABELS;
  protected readonly typeLabels = ITEM_TYPE_LABELS;
  protected readonly state = signal<LoadState<Loaded>>(LOADING);
  protected readonly loaded = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  protected readonly instruments = computed(() =>
    [...(this.loaded()?.instruments ?? [])].sort(
      (a, b) => EVALUATION_STAGES.indexOf(a.stage) - EVALUATION_STAGES.indexOf(b.stage),
    ),
  );
  protected readonly errors = computed(() => loadErrors(this.state()));

  ngOnInit(): void {
    loadState(
      forkJoin({
        programme: this.programmes.get(this.id()),
        instruments: this.instrumentsApi.list(this.id()),
      }),
      'This programme does not exist.',
    ).subscribe((state) => this.state.set(state));
  }

  protected published(instrument: Instrument): string {
    return formatLondonDateTime(instrument.publishedAt);
  }

  protected construct(item: InstrumentItem): string {
    return constructLabel(item.construct);
  }

  /** "Optional · Retrospective" under the wording; options of a single-choice question. */
  protected notes(item: InstrumentItem): string {
    return [
      item.required ? null : 'Optional',
      item.retrospective ? 'Retrospective (thinking back to before the programme)' : null,
      item.type === 'single-choice' && item.options?.length ? `Options: ${item.options.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
  }
}
