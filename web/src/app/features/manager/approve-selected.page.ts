import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { BulkApprovalOutcome } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { ApprovalsApiService } from '../../core/api/approvals-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { ApprovalSelectionService } from './approval-selection.service';

/**
 * Check before approving several places at once: names each person and cohort, then approves them all. Each
 * place is decided on its own (one already decided elsewhere does not stop the rest), and the page then says
 * what became of each.
 */
@Component({
  selector: 'app-approve-selected-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent],
  template: `
    <app-error-summary [errors]="errors()" />
    @if (outcomes(); as outcomes) {
      <h1>{{ outcomeHeading() }}</h1>
      <table class="nhsuk-table" data-testid="approval-outcomes">
        <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
          What happened to each place
        </caption>
        <thead class="nhsuk-table__head">
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="col">Person and cohort</th>
            <th class="nhsuk-table__header" scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          @for (outcome of outcomes; track outcome.id) {
            <tr class="nhsuk-table__row">
              <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                {{ outcome.delegateName ?? 'A request' }}
                @if (outcome.cohortName) {
                  <span class="nhsuk-body-s app-secondary-line">{{ outcome.cohortName }}</span>
                }
              </th>
              <td class="nhsuk-table__cell">
                @if (outcome.approved) {
                  <strong class="nhsuk-tag nhsuk-tag--green">Approved</strong>
                } @else {
                  <strong class="nhsuk-tag nhsuk-tag--red">Not approved</strong>
                  <span class="nhsuk-body-s app-secondary-line">{{ outcome.problem }}</span>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
      <p><a routerLink="/manager">Back to my team</a></p>
    } @else if (chosen().length) {
      <h1>Approve {{ chosen().length === 1 ? 'this place' : 'these ' + chosen().length + ' places' }}</h1>
      <p>Check the people and cohorts before you approve them. Each person is told by email.</p>
      <dl class="nhsuk-summary-list" data-testid="approval-choices">
        @for (request of chosen(); track request.id) {
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">{{ request.delegateName }}</dt>
            <dd class="nhsuk-summary-list__value">
              {{ request.cohortName }}
              <span class="nhsuk-body-s app-secondary-line">{{ request.programmeName }}</span>
            </dd>
          </div>
        }
      </dl>
      <div class="nhsuk-button-group">
        <button class="nhsuk-button" type="button" [attr.aria-disabled]="busy() || null" (click)="approve()">
          Approve {{ chosen().length === 1 ? '1 place' : chosen().length + ' places' }}
        </button>
        <a class="nhsuk-link" routerLink="/manager">Cancel</a>
      </div>
    } @else {
      <h1>Approve places</h1>
      <p>You have not chosen any places to approve.</p>
      <p><a routerLink="/manager">Choose places on My team</a></p>
    }
  `,
})
export class ApproveSelectedPage {
  private readonly api = inject(ApprovalsApiService);
  private readonly selection = inject(ApprovalSelectionService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected readonly chosen = this.selection.chosen;
  protected readonly outcomes = signal<BulkApprovalOutcome[] | null>(null);
  protected readonly outcomeHeading = computed(() => {
    const outcomes = this.outcomes() ?? [];
    const approved = outcomes.filter((outcome) => outcome.approved).length;
    if (approved === outcomes.length)
      return approved === 1 ? 'Place approved' : `${approved} places approved`;
    return `${approved} of ${outcomes.length} places approved`;
  });
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);

  protected approve(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.approveMany(this.chosen().map((request) => request.id)).subscribe({
      next: (outcomes) => {
        this.busy.set(false);
        this.errors.set([]);
        this.selection.chosen.set([]);
        this.outcomes.set(outcomes);
        focusAfterRender(this.injector, this.host, 'h1');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(mapApiError(error).errors);
      },
    });
  }
}
