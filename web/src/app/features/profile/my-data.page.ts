import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MyDataExport } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { DelegatesApiService, MY_DATA_EXPORT_URL } from '../../core/api/delegates-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { ErasureRequestComponent } from './erasure-request.component';

/** Subject access: a readable summary of what is held about the person, and the full download as JSON. */
@Component({
  selector: 'app-my-data-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, ErrorSummaryComponent, ErasureRequestComponent],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        @if (loadFailures().length) {
          <app-error-summary heading="Your data could not be loaded" [errors]="loadFailures()" />
        }
        <h1>Your data</h1>
        <p>
          This is a summary of what Upstand holds about you. The download has all of it, in a file that other
          programs can read (JSON). Our <a routerLink="/privacy">privacy notice</a> explains why we keep it
          and who can see it.
        </p>
        <p>
          <a class="nhsuk-button" [href]="downloadUrl" download="upstand-my-data.json" data-testid="download"
            >Download my data (JSON)</a
          >
        </p>

        @if (loading()) {
          <p role="status">Loading your data…</p>
        } @else if (data(); as data) {
          <dl class="nhsuk-summary-list" data-testid="my-data-summary">
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Name</dt>
              <dd class="nhsuk-summary-list__value">{{ data.account.fullName }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Email address</dt>
              <dd class="nhsuk-summary-list__value">{{ data.account.email }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Organisation</dt>
              <dd class="nhsuk-summary-list__value">{{ data.account.organisation ?? 'None' }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Account created</dt>
              <dd class="nhsuk-summary-list__value">{{ data.account.createdAt | date: 'd MMMM y' }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Delegate profile</dt>
              <dd class="nhsuk-summary-list__value">
                {{ data.delegateProfile ? data.delegateProfile.jobTitle : 'None' }}
              </dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Equality monitoring answers</dt>
              <dd class="nhsuk-summary-list__value">{{ data.equalityMonitoring ? 'Held' : 'None' }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Cohorts</dt>
              <dd class="nhsuk-summary-list__value">{{ count(data.enrolments.length, 'cohort') }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Attendance records</dt>
              <dd class="nhsuk-summary-list__value">{{ count(data.attendance.length, 'session') }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Questionnaires answered</dt>
              <dd class="nhsuk-summary-list__value">
                {{ count(data.questionnaireResponses.length, 'questionnaire') }}
              </dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Emails sent to you</dt>
              <dd class="nhsuk-summary-list__value">{{ count(data.emails.length, 'email') }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Entries in the audit log</dt>
              <dd class="nhsuk-summary-list__value">
                {{ count(data.auditEvents.length, 'entry', 'entries') }}
              </dd>
            </div>
          </dl>
        }

        <h2 class="nhsuk-heading-m">If something is wrong</h2>
        <p>You can correct your details on <a routerLink="/profile">your delegate profile</a>.</p>

        <app-erasure-request />
      </div>
    </div>
  `,
})
export class MyDataPage implements OnInit {
  private readonly api = inject(DelegatesApiService);

  protected readonly downloadUrl = MY_DATA_EXPORT_URL;
  protected readonly loading = signal(true);
  protected readonly loadFailures = signal<ErrorItem[]>([]);
  protected readonly data = signal<MyDataExport | null>(null);

  ngOnInit(): void {
    this.api.myData().subscribe({
      next: (data) => {
        this.data.set(data);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loadFailures.set(mapApiError(error).errors);
        this.loading.set(false);
      },
    });
  }

  protected count(n: number, thing: string, things = `${thing}s`): string {
    return n === 0 ? 'None' : `${n} ${n === 1 ? thing : things}`;
  }
}
