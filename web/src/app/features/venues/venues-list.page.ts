import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Venue } from '@upstand/contracts';
import { map } from 'rxjs';
import { VenuesApiService } from '../../core/api/venues-api.service';
import { FlashService } from '../../core/flash.service';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { SuccessBannerComponent } from '../../shared/success-banner.component';

/** Places where the in-person sessions happen. */
@Component({
  selector: 'app-venues-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SuccessBannerComponent, LinkButtonDirective, LoadedTableComponent],
  template: `
    <app-success-banner [message]="flash" />
    <h1>Venues</h1>
    <a class="nhsuk-button" appLinkButton routerLink="/venues/new">Add venue</a>

    <app-loaded-table
      [state]="state()"
      caption="Venues"
      testId="venues-table"
      loadingText="Loading venues…"
      failedHeading="Venues could not be loaded"
      emptyText="There are no venues yet."
    >
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Name</th>
          <th class="nhsuk-table__header" scope="col">Address</th>
          <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Capacity</th>
          <th class="nhsuk-table__header" scope="col">Accessibility</th>
          <th class="nhsuk-table__header" scope="col">
            <span class="nhsuk-u-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (venue of venues(); track venue.id) {
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="row">
              <span class="nhsuk-u-font-weight-normal">{{ venue.name }}</span>
            </th>
            <td class="nhsuk-table__cell app-pre-line">{{ venue.address }}</td>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{{ venue.capacity }}</td>
            <td class="nhsuk-table__cell app-pre-line">
              @if (venue.accessibilityNotes) {
                {{ venue.accessibilityNotes }}
              } @else {
                <span class="nhsuk-u-secondary-text-colour">None recorded</span>
              }
            </td>
            <td class="nhsuk-table__cell app-table-actions">
              <a [routerLink]="['/venues', venue.id, 'edit']"
                >Edit<span class="nhsuk-u-visually-hidden"> {{ venue.name }}</span></a
              >
            </td>
          </tr>
        }
      </tbody>
    </app-loaded-table>
  `,
})
export class VenuesListPage {
  protected readonly flash = inject(FlashService).take();

  protected readonly state = toSignal(
    loadState(
      inject(VenuesApiService)
        .list()
        .pipe(map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')))),
    ),
    { initialValue: LOADING as LoadState<Venue[]> },
  );
  protected readonly venues = computed(() => loadedValue(this.state()) ?? []);
}
