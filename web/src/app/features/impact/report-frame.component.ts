import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { Disclosure } from '@upstand/contracts';
import { DisclosureNoteComponent } from './disclosure-note.component';
import { ExportLinksComponent } from './export-links.component';

/** What a report's frame shows: "Loading…", why loading failed (with a retry), or the report. */
export type ReportState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'loaded' };

/**
 * The frame every report on the Impact page shares: its heading, a loading status, a failure with a way to try
 * again, the note on withheld figures, an empty state, the report itself (projected content, shown once loaded)
 * and links to download it. Projected content is created even while hidden, so a report guards its own bindings
 * with `@if (report(); as report)`.
 */
@Component({
  selector: 'app-report-frame',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DisclosureNoteComponent, ExportLinksComponent],
  template: `
    <section class="app-impact-section" [attr.aria-labelledby]="headingId()">
      <h2 class="nhsuk-heading-l" [id]="headingId()">{{ heading() }}</h2>
      <ng-content select="[appReportIntro]" />
      @switch (state().status) {
        @case ('loading') {
          <p role="status">Loading {{ what() }}…</p>
        }
        @case ('failed') {
          <div class="nhsuk-inset-text" data-testid="report-failed">
            <span class="nhsuk-u-visually-hidden">Information: </span>
            <p>{{ failedSentence() }}</p>
            <button
              class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
              type="button"
              (click)="retry.emit()"
            >
              Try again<span class="nhsuk-u-visually-hidden"> to load {{ what() }}</span>
            </button>
          </div>
        }
        @case ('loaded') {
          <app-disclosure-note [disclosure]="disclosure()" />
          @if (empty()) {
            <p data-testid="report-empty">{{ emptyText() }}</p>
          } @else {
            <ng-content />
          }
          @if (downloads(); as links) {
            <app-export-links [csv]="links.csv" [xlsx]="links.xlsx" [name]="downloadName() || what()" />
          }
        }
      }
    </section>
  `,
  styles: `
    .app-impact-section {
      margin-top: 48px;
    }
  `,
})
export class ReportFrameComponent {
  readonly heading = input.required<string>();
  /** The heading's id, which names the section for screen readers. */
  readonly headingId = input.required<string>();
  /** What the report is, in a sentence: "the answers" → "Loading the answers…". */
  readonly what = input.required<string>();
  readonly state = input.required<ReportState>();
  /** How the figures were protected, for the note on withheld figures. */
  readonly disclosure = input<Disclosure | undefined>(undefined);
  /** Loaded, but with nothing to show: `emptyText` is shown instead of the report. */
  readonly empty = input(false);
  readonly emptyText = input('There is nothing to show yet.');
  readonly downloads = input<{ csv: string; xlsx: string } | null>(null);
  /** What the downloads are, for screen readers ("of the funnel"); `what` by default. */
  readonly downloadName = input('');
  readonly retry = output<void>();

  protected readonly failedSentence = computed(() => {
    const state = this.state();
    const what = this.what();
    const sentence = `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded.`;
    return state.status === 'failed' && state.message ? `${sentence} ${state.message}` : sentence;
  });
}
