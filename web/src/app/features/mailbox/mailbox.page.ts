import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MAILBOX_STATUSES, MailboxMessage } from '@upstand/contracts';
import { MailboxApiService } from '../../core/api/mailbox-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import {
  ListFilter,
  ListSearchComponent,
  choiceParam,
  pagedList,
  pageSizeParam,
} from '../../shared/list-search.component';
import { loadErrors } from '../../shared/load-state';
import { PageLinksComponent, pageParam, PageSummaryComponent } from '../../shared/pagination.component';
import { LondonDatePipe, londonTime, formatClockTime } from '../../shared/london-time';

export const MAIL_STATUS: Record<MailboxMessage['status'], { label: string; tag: string }> = {
  kept: { label: 'Kept, not sent', tag: 'nhsuk-tag--grey' },
  pending: { label: 'Waiting to send', tag: 'nhsuk-tag--yellow' },
  sending: { label: 'Sending', tag: 'nhsuk-tag--yellow' },
  sent: { label: 'Sent', tag: 'nhsuk-tag--green' },
  dropped: { label: 'Not sent: no longer needed', tag: 'nhsuk-tag--grey' },
  failed: { label: 'Failed', tag: 'nhsuk-tag--red' },
};

/**
 * A demonstration tool: with no email server set up (demo mode) emails are kept here instead of being sent, so a
 * programme lead can read what would have gone out, links included. Where emails are really sent the mailbox
 * does not exist (the API answers 404 and the navigation does not offer it).
 */
@Component({
  selector: 'app-mailbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ErrorSummaryComponent,
    LondonDatePipe,
    ListSearchComponent,
    PageSummaryComponent,
    PageLinksComponent,
  ],
  template: `
    <h1>Mailbox</h1>
    <div class="nhsuk-warning-callout" data-testid="demo-mailbox">
      <h2 class="nhsuk-warning-callout__label">
        <span role="text"
          ><span class="nhsuk-u-visually-hidden">Important: </span>Demo: emails are not sent</span
        >
      </h2>
      <p>
        No email server is set up, so Upstand keeps its emails here instead of sending them. Links in them
        work: this mailbox is for demonstrations only.
      </p>
    </div>

    <app-list-search
      id="mailbox-search"
      label="Search emails"
      searchLabel="Search by recipient's email address or subject"
      [q]="request().q"
      [pageSize]="request().pageSize"
      [filters]="filters()"
    />

    @if (result(); as paged) {
      <!-- An empty list says so in its own words below. -->
      @if (paged.total > 0) {
        <app-page-summary
          [page]="paged.page"
          [pageSize]="paged.pageSize"
          [total]="paged.total"
          noun="emails"
        />
      }
    }

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading emails…</p>
      }
      @case ('failed') {
        <app-error-summary heading="Emails could not be loaded" [errors]="errors()" />
      }
      @default {
        @if (messages().length) {
          <div class="nhsuk-table-container" role="region" aria-label="Emails" tabindex="0">
            <table class="nhsuk-table app-mailbox-table" data-testid="mailbox-table">
              <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                Emails kept in demo mode, newest first
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">Date</th>
                  <th class="nhsuk-table__header" scope="col">To</th>
                  <th class="nhsuk-table__header" scope="col">Subject</th>
                  <th class="nhsuk-table__header" scope="col">Status</th>
                </tr>
              </thead>
              <tbody class="nhsuk-table__body">
                @for (message of messages(); track message.id) {
                  <tr class="nhsuk-table__row" [attr.data-message-id]="message.id">
                    <td class="nhsuk-table__cell app-nowrap">
                      {{ message.createdAt | londonDate }}
                      <span class="nhsuk-body-s app-secondary-line">{{ time(message.createdAt) }}</span>
                    </td>
                    <td class="nhsuk-table__cell app-break-words">{{ message.to }}</td>
                    <td class="nhsuk-table__cell">
                      <details class="nhsuk-details nhsuk-u-margin-bottom-0">
                        <summary class="nhsuk-details__summary">
                          <span class="nhsuk-details__summary-text">{{ message.subject }}</span>
                        </summary>
                        <div
                          class="nhsuk-details__text app-pre-line app-break-words"
                          data-testid="message-text"
                        >
                          {{ message.text }}
                          @if (message.hasCalendarInvite) {
                            <p class="nhsuk-body-s nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-0">
                              With a calendar invitation attached.
                            </p>
                          }
                        </div>
                      </details>
                    </td>
                    <td class="nhsuk-table__cell">
                      <strong class="nhsuk-tag" [class]="statuses[message.status].tag">{{
                        statuses[message.status].label
                      }}</strong>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p>{{ filtered() ? 'No emails match your search.' : 'There are no emails yet.' }}</p>
        }
      }
    }

    @if (result(); as paged) {
      <app-page-links
        [page]="paged.page"
        [total]="paged.total"
        [pageSize]="paged.pageSize"
        label="Pages of emails"
      />
    }
  `,
})
export class MailboxPage {
  private readonly api = inject(MailboxApiService);

  /** Query parameters: the search, the status, the page and the page size. */
  readonly q = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  readonly pageSize = input<string>();

  protected readonly statuses = MAIL_STATUS;
  protected readonly request = computed(() => ({
    q: this.q()?.trim() ?? '',
    status: choiceParam(this.status(), MAILBOX_STATUSES),
    page: pageParam(this.page()),
    pageSize: pageSizeParam(this.pageSize()),
  }));
  protected readonly filtered = computed(() => !!(this.request().q || this.request().status));
  protected readonly filters = computed<ListFilter[]>(() => [
    {
      name: 'status',
      label: 'Status',
      anyLabel: 'Any status',
      options: MAILBOX_STATUSES.map((value) => ({ value, label: MAIL_STATUS[value].label })),
      value: this.request().status ?? '',
    },
  ]);
  private readonly list = pagedList(this.request, (request) => this.api.list(request));
  protected readonly state = this.list.state;
  protected readonly result = this.list.result;
  protected readonly messages = this.list.items;
  protected readonly errors = computed(() => loadErrors(this.state()));

  protected time(instant: string): string {
    return formatClockTime(londonTime(instant));
  }
}
