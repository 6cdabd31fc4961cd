import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { SponsorDelegate } from '@upstand/contracts';
import { map } from 'rxjs';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';

/** A sponsor's view of their own organisation's delegates: names and progress, never equality data. */
@Component({
  selector: 'app-sponsor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent],
  template: `
    <h1>
      @if (organisation(); as organisation) {
        <span class="nhsuk-caption-l">{{ organisation }}</span>
      }
      Our delegates
    </h1>
    <p>Staff from your organisation on the Active Bystander Programme, and how far they have got.</p>

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading delegates…</p>
      }
      @case ('failed') {
        <app-error-summary heading="Delegates could not be loaded" [errors]="errors()" />
      }
      @default {
        @if (delegates().length) {
          <div class="nhsuk-table-container" role="region" aria-label="Our delegates" tabindex="0">
            <table class="nhsuk-table" data-testid="sponsor-table">
              <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                Delegates from your organisation
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">Name</th>
                  <th class="nhsuk-table__header" scope="col">Job title</th>
                  <th class="nhsuk-table__header" scope="col">Cohort</th>
                  <th class="nhsuk-table__header" scope="col">Status</th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Sessions attended
                  </th>
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
            </table>
          </div>
        } @else {
          <p>Nobody from your organisation has signed up yet.</p>
        }
      }
    }
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
  protected readonly delegates = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : [];
  });
  protected readonly errors = computed(() => loadErrors(this.state()));
}
