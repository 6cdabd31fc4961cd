import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { ErasureApiService } from '../../core/api/erasure-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';

/** "Ask us to delete your data": what goes, what stays and why, then a request a programme lead carries out. */
@Component({
  selector: 'app-erasure-request',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ErrorSummaryComponent],
  template: `
    <h2 class="nhsuk-heading-m" id="erasure">Ask us to delete your data</h2>
    @if (errors().length) {
      <app-error-summary heading="Your request could not be sent" [errors]="errors()" />
    }
    @if (requestedAt(); as requestedAt) {
      <div class="nhsuk-panel" data-testid="erasure-confirmation" role="status">
        <h3 class="nhsuk-panel__title">We have your request</h3>
        <div class="nhsuk-panel__body">You asked on {{ requestedAt | date: 'd MMMM y' }}</div>
      </div>
      <p>
        A programme lead will delete your data within one month and you will then be signed out for good. You
        do not need to do anything else.
      </p>
    } @else if (!loading()) {
      <p>If you ask, a programme lead deletes:</p>
      <ul>
        <li>your name, email address, password and sign-in</li>
        <li>your job details and your line manager's name and email address</li>
        <li>your equality monitoring answers</li>
        <li>anything you wrote in your own words in questionnaires</li>
        <li>emails we sent to you or about you</li>
      </ul>
      <p>
        Which sessions you attended and your scored questionnaire answers stay, with nothing that says they
        are yours. They are part of the programme's totals and before-and-after results, which would otherwise
        change for everyone.
      </p>
      <div class="nhsuk-warning-callout">
        <h3 class="nhsuk-warning-callout__label">
          <span role="text"
            ><span class="nhsuk-u-visually-hidden">Important: </span>This cannot be undone</span
          >
        </h3>
        <p>
          You will no longer be able to sign in, and we will not be able to issue your certificate again.
          Download your data and certificate first if you want to keep them.
        </p>
      </div>
      <div class="nhsuk-checkboxes__item nhsuk-u-margin-bottom-4">
        <input
          class="nhsuk-checkboxes__input"
          id="erasure-confirm"
          type="checkbox"
          [checked]="confirmed()"
          (change)="confirmed.set($any($event.target).checked)"
          data-testid="erasure-confirm"
        />
        <label class="nhsuk-label nhsuk-checkboxes__label" for="erasure-confirm">
          I understand my data will be deleted and I will not be able to sign in again
        </label>
      </div>
      <button
        class="nhsuk-button nhsuk-button--warning"
        type="button"
        data-testid="erasure-ask"
        [disabled]="sending()"
        (click)="ask()"
      >
        Ask for my data to be deleted
      </button>
    }
  `,
})
export class ErasureRequestComponent implements OnInit {
  private readonly api = inject(ErasureApiService);

  protected readonly loading = signal(true);
  protected readonly sending = signal(false);
  protected readonly confirmed = signal(false);
  protected readonly requestedAt = signal<string | null>(null);
  protected readonly errors = signal<ErrorItem[]>([]);

  ngOnInit(): void {
    this.api.myRequest().subscribe({
      next: (mine) => {
        this.requestedAt.set(mine.request?.requestedAt ?? null);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.errors.set(mapApiError(error).errors);
        this.loading.set(false);
      },
    });
  }

  protected ask(): void {
    if (!this.confirmed()) {
      this.errors.set([
        { field: 'erasure-confirm', text: 'Tick the box to say you understand what will be deleted' },
      ]);
      return;
    }
    this.errors.set([]);
    this.sending.set(true);
    this.api.ask().subscribe({
      next: (mine) => {
        this.sending.set(false);
        this.requestedAt.set(mine.request?.requestedAt ?? null);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.errors.set(mapApiError(error).errors);
      },
    });
  }
}
