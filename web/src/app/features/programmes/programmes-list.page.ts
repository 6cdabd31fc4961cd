import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Programme } from '@upstand/contracts';
import { map } from 'rxjs';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { SessionService } from '../../core/auth/session.service';
import { FlashService } from '../../core/flash.service';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { describeCompletionRule, programmeScope } from './programme.model';

/** The programmes, their journey templates and their sign-up settings. */
@Component({
  selector: 'app-programmes-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SuccessBannerComponent, LoadedTableComponent],
  template: `
    <app-success-banner [message]="flash" />
    <h1>Programmes</h1>
    <p class="nhsuk-body">
      A regional programme's journey is shared by every system, so only a regional lead changes it. A system's
      own programme runs in that system only.
    </p>

    <app-loaded-table
      [state]="state()"
      caption="Programmes"
      testId="programmes-table"
      loadingText="Loading programmes…"
      failedHeading="Programmes could not be loaded"
      emptyText="There are no programmes yet."
    >
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Name</th>
          <th class="nhsuk-table__header" scope="col">Journey</th>
          <th class="nhsuk-table__header" scope="col">To complete</th>
          <th class="nhsuk-table__header" scope="col">Line managers approve places</th>
          <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Offers held for</th>
          <th class="nhsuk-table__header" scope="col">
            <span class="nhsuk-u-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (programme of programmes(); track programme.id) {
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
              {{ programme.name }}
              @let scope = scopeOf(programme);
              <br />
              <strong
                class="nhsuk-tag nhsuk-u-margin-top-1"
                [class.nhsuk-tag--blue]="scope.regional"
                [class.nhsuk-tag--aqua-green]="!scope.regional"
                data-testid="programme-scope"
                >{{ scope.label }}</strong
              >
            </th>
            <td class="nhsuk-table__cell">
              <ul class="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                @for (stage of programme.currentTemplate.stages; track stage.key) {
                  <li class="nhsuk-u-margin-bottom-0">
                    {{ stage.title }}{{ stage.sessionCount > 1 ? ' (' + stage.sessionCount + ')' : '' }}
                  </li>
                }
              </ul>
              <span class="nhsuk-body-s app-secondary-line"
                >Version {{ programme.currentTemplate.version }}</span
              >
            </td>
            <td class="nhsuk-table__cell">{{ completion(programme) }}</td>
            <td class="nhsuk-table__cell">{{ programme.requiresManagerApproval ? 'Yes' : 'No' }}</td>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric app-nowrap">
              {{ programme.offerHoldHours }} hours
            </td>
            <td class="nhsuk-table__cell app-table-actions">
              <ul class="nhsuk-list nhsuk-u-margin-bottom-0">
                @if (scope.regional && !regionalLead()) {
                  <li class="nhsuk-u-margin-bottom-1 nhsuk-body-s" data-testid="regional-only">
                    Only a regional lead can change its settings
                  </li>
                } @else {
                  <li class="nhsuk-u-margin-bottom-1">
                    <a [routerLink]="['/programmes', programme.id, 'settings']"
                      >Change settings<span class="nhsuk-u-visually-hidden"> of {{ programme.name }}</span></a
                    >
                  </li>
                }
                <li class="nhsuk-u-margin-bottom-0">
                  <a [routerLink]="['/programmes', programme.id, 'questionnaires']"
                    >Questionnaires<span class="nhsuk-u-visually-hidden"> of {{ programme.name }}</span></a
                  >
                </li>
              </ul>
            </td>
          </tr>
        }
      </tbody>
    </app-loaded-table>
  `,
})
export class ProgrammesListPage {
  protected readonly flash = inject(FlashService).take();
  private readonly session = inject(SessionService);

  protected readonly state = toSignal(
    loadState(
      inject(ProgrammesApiService)
        .list()
        .pipe(map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')))),
    ),
    { initialValue: LOADING as LoadState<Programme[]> },
  );
  protected readonly programmes = computed(() => loadedValue(this.state()) ?? []);

  protected readonly scopeOf = programmeScope;
  /**
   * The API refuses a system lead's change to a regional programme (403), so the list does not offer the
   * settings form they could fill in but never save.
   */
  protected readonly regionalLead = computed(() =>
    (this.session.user()?.roles ?? []).some(
      (grant) => grant.role === 'programme-lead' && (grant.scope === null || grant.scope.kind === 'region'),
    ),
  );

  protected completion(programme: Programme): string {
    return describeCompletionRule(programme.currentTemplate.completionRule);
  }
}
