import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ImpactData } from '../impact-data.service';

/** The board report for everyone; for the programme lead, the matched responses and the tools behind the data. */
@Component({
  selector: 'app-impact-downloads',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (data.boardReportUrl(); as boardReport) {
      <section class="nhsuk-u-margin-top-6" aria-labelledby="downloads-heading">
        <h2 class="nhsuk-heading-m" id="downloads-heading">Reports to download</h2>
        <ul class="nhsuk-list">
          <li><a [href]="boardReport" download>Download the board report (PDF)</a></li>
          @if (data.isLead() && data.matchedExportUrl(); as matched) {
            <li>
              <a [href]="matched" download>Matched responses (XLSX)</a>
              <span class="app-secondary-line nhsuk-body-s">
                Each person's answers before and after, without names. Keep it secure.
              </span>
            </li>
            <li>
              <a routerLink="/session-feedback">Session feedback</a>
              <span class="app-secondary-line nhsuk-body-s">
                How useful delegates found each session, with their comments.
              </span>
            </li>
            <li>
              <a routerLink="/imports">Import historical data</a>
              <span class="app-secondary-line nhsuk-body-s">
                Responses from form tools (CSV or Excel), enrolments and attendance from before Upstand.
              </span>
            </li>
          }
        </ul>
      </section>
    }
  `,
})
export class DownloadsComponent {
  protected readonly data = inject(ImpactData);
}
