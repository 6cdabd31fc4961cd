import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { CohortEnrolmentPage, MAX_PAGE_SIZE } from '@upstand/contracts';
import { switchMap } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadedValue, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe } from '../../shared/london-time';

/**
 * The cohort's waiting list, in order (programme leads). A place that comes up is offered to the first person
 * automatically; a lead may offer a free place to anyone on the list instead.
 */
@Component({
  selector: 'app-cohort-waiting-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent, LondonDatePipe],
  template: `
    <h2 class="nhsuk-heading-m" id="waiting-list-heading">Waiting list</h2>
    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading the waiting list…</p>
      }
      @case ('failed') {
        <app-error-summary heading="The waiting list could not be loaded" [errors]="loadFailures()" />
      }
      @default {
        @if (list(); as page) {
          @if (page.items.length) {
            <app-error-summary heading="The place could not be offered" [errors]="errors()" />
            <p>
              When a place comes up, the first person is offered it by email and has it held for them. To skip
              the order, offer a free place to someone yourself.
              @if (page.placesTaken >= page.capacity) {
                All {{ page.capacity }} places are taken or offered now: raise the number of places (Change
                cohort details) to offer one.
              }
            </p>
            <ol class="nhsuk-list nhsuk-list--number app-waiting-list" data-testid="waiting-list">
              @for (enrolment of page.items; track enrolment.id) {
                <li [attr.data-enrolment-id]="enrolment.id">
                  <strong>{{ enrolment.delegate.fullName }}</strong>
                  <span class="nhsuk-body-s nhsuk-u-secondary-text-colour">
                    {{ enrolment.delegate.organisationName ?? 'Organisation not recorded' }}, waiting since
                    {{ enrolment.statusChangedAt | londonDate }}</span
                  >
                  @if (page.placesTaken < page.capacity) {
                    <button
                      class="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-offer-button"
                      type="button"
                      [attr.aria-disabled]="busy() || null"
                      (click)="offer(enrolment.id, enrolment.delegate.fullName)"
                    >
                      Offer a place<span class="nhsuk-u-visually-hidden">
                        to {{ enrolment.delegate.fullName }}</span
                      >
                    </button>
                  }
                </li>
              }
            </ol>
            @if (page.total > page.items.length) {
              <p>
                And {{ page.total - page.items.length }} more: filter the delegates by status to see them all.
              </p>
            }
          } @else {
            <p>Nobody is waiting for a place.</p>
          }
        }
      }
    }
  `,
  styles: `
    .app-waiting-list li {
      margin-bottom: 12px;
    }
    .app-offer-button {
      display: block;
      margin: 4px 0 0;
    }
  `,
})
export class CohortWaitingListComponent {
  private readonly api = inject(EnrolmentsApiService);

  readonly cohortId = input.required<string>();
  readonly refresh = input(0);
  /** A place was offered: the message to show (the page then loads its lists again). */
  readonly changed = output<string>();

  private readonly request = computed(() => ({ cohortId: this.cohortId(), refresh: this.refresh() }));
  protected readonly state = toSignal(
    toObservable(this.request).pipe(
      switchMap((request) =>
        loadState(this.api.forCohort(request.cohortId, { status: 'waitlisted', pageSize: MAX_PAGE_SIZE })),
      ),
    ),
    { initialValue: LOADING as LoadState<CohortEnrolmentPage> },
  );
  protected readonly list = computed(() => loadedValue(this.state()));
  protected readonly loadFailures = computed(() => loadErrors(this.state()));
  protected readonly busy = signal(false);
  protected readonly errors = signal<ErrorItem[]>([]);

  protected offer(enrolmentId: string, name: string): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.offer(enrolmentId).subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.set([]);
        this.changed.emit(`${name} has been offered a place and sent an email about it`);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(mapApiError(error).errors);
      },
    });
  }
}
