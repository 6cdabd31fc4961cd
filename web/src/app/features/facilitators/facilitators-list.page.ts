import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  Facilitator,
  FACILITATOR_LEVEL_LABELS,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
} from '@upstand/contracts';
import { map } from 'rxjs';
import { FacilitatorsApiService } from '../../core/api/facilitators-api.service';
import { FlashService } from '../../core/flash.service';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { SuccessBannerComponent } from '../../shared/success-banner.component';

/** The facilitator pool: who may run which sessions, at which level. */
@Component({
  selector: 'app-facilitators-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SuccessBannerComponent, LinkButtonDirective, LoadedTableComponent],
  template: `
    <app-success-banner [message]="flash" />
    <h1>Facilitators</h1>
    <a class="nhsuk-button" appLinkButton routerLink="/facilitators/new">Add facilitator</a>

    <app-loaded-table
      [state]="state()"
      caption="Facilitators"
      testId="facilitators-table"
      loadingText="Loading facilitators…"
      failedHeading="Facilitators could not be loaded"
      emptyText="There are no facilitators yet."
    >
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Name</th>
          <th class="nhsuk-table__header" scope="col">Organisation</th>
          <th class="nhsuk-table__header" scope="col">Level</th>
          <th class="nhsuk-table__header" scope="col">Can run</th>
          <th class="nhsuk-table__header" scope="col">Status</th>
          <th class="nhsuk-table__header" scope="col">
            <span class="nhsuk-u-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (facilitator of facilitators(); track facilitator.id) {
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="row">
              <span class="nhsuk-u-font-weight-normal">{{ facilitator.fullName }}</span>
              <span class="nhsuk-body-s app-secondary-line">{{ facilitator.email }}</span>
            </th>
            <td class="nhsuk-table__cell">
              {{ facilitator.organisationName ?? 'Not recorded' }}
            </td>
            <td class="nhsuk-table__cell">{{ levelLabels[facilitator.level] }}</td>
            <td class="nhsuk-table__cell">
              @if (facilitator.sessionKinds.length === allKinds) {
                All kinds of session
              } @else {
                <ul class="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                  @for (kind of facilitator.sessionKinds; track kind) {
                    <li class="nhsuk-u-margin-bottom-0">{{ kindLabels[kind] }}</li>
                  }
                </ul>
              }
            </td>
            <td class="nhsuk-table__cell">
              @if (facilitator.active) {
                <strong class="nhsuk-tag nhsuk-tag--green">Active</strong>
              } @else {
                <strong class="nhsuk-tag nhsuk-tag--grey">Inactive</strong>
              }
              @if (facilitator.unavailableDates.length) {
                <span class="nhsuk-body-s app-secondary-line">
                  {{ facilitator.unavailableDates.length }}
                  {{ facilitator.unavailableDates.length === 1 ? 'day' : 'days' }} unavailable
                </span>
              }
            </td>
            <td class="nhsuk-table__cell app-table-actions">
              <a [routerLink]="['/facilitators', facilitator.id, 'edit']"
                >Edit<span class="nhsuk-u-visually-hidden"> {{ facilitator.fullName }}</span></a
              >
            </td>
          </tr>
        }
      </tbody>
    </app-loaded-table>
  `,
})
export class FacilitatorsListPage {
  protected readonly flash = inject(FlashService).take();
  protected readonly levelLabels = FACILITATOR_LEVEL_LABELS;
  protected readonly kindLabels = SESSION_KIND_LABELS;
  protected readonly allKinds = SESSION_KINDS.length;

  protected readonly state = toSignal(
    loadState(
      inject(FacilitatorsApiService)
        .list()
        .pipe(map((list) => [...list].sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB')))),
    ),
    { initialValue: LOADING as LoadState<Facilitator[]> },
  );
  protected readonly facilitators = computed(() => loadedValue(this.state()) ?? []);
}
