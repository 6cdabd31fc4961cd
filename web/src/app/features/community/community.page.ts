import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { CommunityMember, CommunitySettings } from '@upstand/contracts';
import { map } from 'rxjs';
import { CommunityApiService } from '../../core/api/community-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe } from '../../shared/london-time';

/** The Community of Practice directory: certified Active Bystanders who chose to be listed. */
@Component({
  selector: 'app-community-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent, LondonDatePipe],
  template: `
    <h1>Community of Practice</h1>
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <p>
          Everyone who completes the Active Bystander Programme joins the Community of Practice: monthly
          online catch-ups to share what happened when they spoke up, and an annual celebration event.
        </p>
        <p>This directory lists only the members who chose to be in it.</p>
        @if (settings(); as settings) {
          @if (settings.inDirectory) {
            <p data-testid="my-listing">
              You are listed in the directory. You can change this on
              <a routerLink="/journey">your journey page</a>.
            </p>
          } @else if (settings.member) {
            <p data-testid="my-listing">
              You are a member but not listed. You can choose to be listed on
              <a routerLink="/journey">your journey page</a>.
            </p>
          }
        }
      </div>
    </div>

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading the directory…</p>
      }
      @case ('failed') {
        <app-error-summary heading="The directory could not be loaded" [errors]="errors()" />
      }
      @default {
        @if (members().length) {
          <div class="nhsuk-table-container" role="region" aria-label="Community members" tabindex="0">
            <table class="nhsuk-table" data-testid="community-table">
              <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                Members of the Community of Practice
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">Name</th>
                  <th class="nhsuk-table__header" scope="col">Organisation</th>
                  <th class="nhsuk-table__header" scope="col">Member since</th>
                </tr>
              </thead>
              <tbody class="nhsuk-table__body">
                @for (member of members(); track $index) {
                  <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                      {{ member.fullName }}
                    </th>
                    <td class="nhsuk-table__cell">{{ member.organisationName ?? 'Not recorded' }}</td>
                    <td class="nhsuk-table__cell app-nowrap">{{ member.joinedAt | londonDate }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p>Nobody is listed in the directory yet.</p>
        }
      }
    }
  `,
})
export class CommunityPage {
  private readonly api = inject(CommunityApiService);

  protected readonly state = toSignal(
    loadState(
      this.api
        .members()
        .pipe(map((list) => [...list].sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB')))),
    ),
    { initialValue: LOADING as LoadState<CommunityMember[]> },
  );
  protected readonly members = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : [];
  });
  protected readonly errors = computed(() => loadErrors(this.state()));
  protected readonly settings = signal<CommunitySettings | null>(null);

  constructor() {
    if (inject(SessionService).roles().has('delegate')) {
      this.api
        .settings()
        .subscribe({ next: (settings) => this.settings.set(settings), error: () => undefined });
    }
  }
}
