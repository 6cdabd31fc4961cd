import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { SponsorDelegate } from '@upstand/contracts';
import { map } from 'rxjs';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { SessionService } from '../../core/auth/session.service';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';

/** A sponsor's view of their own organisation's delegates: names and progress, never equality data. */
@Component({
  selector: 'app-sponsor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadedTableComponent],
  template: `
    <h1>
      @if (organisation(); as organisation) {
        <span class="nhsuk-caption-l">{{ organisation }}</span>
      }
      Our delegates
    </h1>
    <p>Staff from your organisation on the Active Bystander Programme, and how far they have got.</p>

    <app-loaded-table
      [state]="state()"
      caption="Delegates from your organisation"
      label="Our delegates"
      testId="sponsor-table"
      loadingText="Loading delegates…"
      failedHeading="Delegates could not be loaded"
      emptyText="Nobody from your organisation has signed up yet."
    >
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Name</th>
          <th class="nhsuk-table__header" scope="col">Job title</th>
          <th class="nhsuk-table__header" scope="col">Cohort</th>
          <th class="nhsuk-table__header" scope="col">Status</th>
          <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Sessions attended</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (delegate of delegates(); track $index) {
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
              {{ delegate.fullName }}
            </th>
            <td class="nhsuk-table__cell">{{ delegate.jobTitle ?? 'Not given' }}</td>
            <td class="nhsuk-table__cell">{{ delegate.cohortName }}</td>
            <td class="nhsuk-table__cell">
              <strong class="nhsuk-tag" [class]="statusTags[delegate.status]">{{
                statusLabel(delegate.status)
              }}</strong>
            </td>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
              {{ delegate.sessionsAttended }} of {{ delegate.sessionsHeld }}
            </td>
          </tr>
        }
      </tbody>
    </app-loaded-table>
  `,
})
export class SponsorPage {
  private readonly session = inject(SessionService);

  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly organisation = computed(
    () => this.session.user()?.roles.find((grant) => grant.role === 'sponsor')?.organisationName ?? null,
  );

  protected readonly state = toSignal(
    loadState(
      inject(EnrolmentsApiService)
        .sponsorDelegates()
        .pipe(map((list) => [...list].sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB')))),
    ),
    { initialValue: LOADING as LoadState<SponsorDelegate[]> },
  );
  protected readonly delegates = computed(() => loadedValue(this.state()) ?? []);
}
