import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { RouterLink } from '@angular/router';
import {
  ATTENDANCE_STATUSES,
  AttendanceStatus,
  REGISTER_PLACE_LABELS,
  RegisterEntry,
  RegisterPlace,
  SessionRegister,
} from '@upstand/contracts';
import { Observable } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { AttendanceApiService, checkInQrUrl, registerExportUrl } from '../../core/api/attendance-api.service';
import { SessionService } from '../../core/auth/session.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonDateTimePipe, LondonRangePipe } from '../../shared/london-time';
import { ATTENDANCE_LABELS, ENROLMENT_STATUS_TAGS } from '../../shared/status-tags';
import { SuccessBannerComponent } from '../../shared/success-banner.component';

export const REGISTER_MESSAGES = {
  saved: 'Register saved',
  allPresent: 'Everyone is marked present',
  nothingMarked: "Mark at least one delegate's attendance before saving",
  cleared: (name: string) => `Mark cleared for ${name}`,
  notFound: 'This session does not exist, or you are not one of its facilitators.',
} as const;

/** NHS tag colour of a place on the register: a transfer reads like a withdrawal. */
const PLACE_TAGS: Record<RegisterPlace, string> = {
  ...ENROLMENT_STATUS_TAGS,
  transferred: 'nhsuk-tag--grey',
};

const METHOD_LABELS: Record<NonNullable<RegisterEntry['method']>, string> = {
  register: 'Register',
  'self-check-in': 'Checked in',
};

/** "3 present, 1 late, 1 absent": what a register holds, for the success message. */
export function registerSummary(marks: readonly (AttendanceStatus | null)[]): string {
  return ATTENDANCE_STATUSES.map(
    (status) => [status, marks.filter((mark) => mark === status).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${ATTENDANCE_LABELS[status].toLowerCase()}`)
    .join(', ');
}

/**
 * A session's register for its facilitators (and programme leads): the check-in code and QR code to show the room,
 * and everyone enrolled on the cohort with their place; those who held a place when the session started are
 * marked present, late, absent or with apologies. Printing gives a sign-in sheet instead of the page.
 */
@Component({
  selector: 'app-session-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Not encapsulated: printing must hide the service's header and footer, which lie outside this component. Every
  // rule is for print only or names this page's own classes, and applies only while the page is shown.
  encapsulation: ViewEncapsulation.None,
  styles: `
    .app-sign-in-sheet {
      display: none;
    }
    @media print {
      body:has(.app-sign-in-sheet) .nhsuk-skip-link,
      body:has(.app-sign-in-sheet) .nhsuk-header,
      body:has(.app-sign-in-sheet) .nhsuk-footer,
      app-session-register-page > :not(.app-sign-in-sheet) {
        display: none !important;
      }
      body:has(.app-sign-in-sheet) .nhsuk-main-wrapper {
        padding: 0;
      }
      .app-sign-in-sheet {
        display: block;
        color: #000;
      }
      .app-sign-in-sheet table {
        width: 100%;
        border-collapse: collapse;
      }
      .app-sign-in-sheet th,
      .app-sign-in-sheet td {
        border: 1px solid #000;
        padding: 4px 8px;
        text-align: left;
        vertical-align: top;
      }
      .app-sign-in-sheet tbody tr {
        height: 1.4cm;
        break-inside: avoid;
      }
      .app-sign-in-sheet__signature {
        width: 40%;
      }
    }
  `,
  imports: [RouterLink, ErrorSummaryComponent, SuccessBannerComponent, LondonRangePipe, LondonDateTimePipe],
  template: `
    <app-success-banner [message]="message()" />
    <app-error-summary
      [loadState]="state()"
      loadHeading="The register could not be loaded"
      [errors]="errors()"
    />

    <h1>
      @if (register()?.cohortName; as cohortName) {
        <span class="nhsuk-caption-l">{{ cohortName }}</span>
      }
      Register
    </h1>

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading the register…</p>
      }
      @case ('failed') {
        <p>
          <a [routerLink]="backLink()">{{ backText() }}</a>
        </p>
      }
      @default {
        @if (register(); as register) {
          <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
              <dl class="nhsuk-summary-list">
                <div class="nhsuk-summary-list__row">
                  <dt class="nhsuk-summary-list__key">Session</dt>
                  <dd class="nhsuk-summary-list__value">{{ register.title }}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                  <dt class="nhsuk-summary-list__key">When</dt>
                  <dd class="nhsuk-summary-list__value" data-testid="register-when">
                    {{ register.startsAt | londonRange: register.endsAt }}
                  </dd>
                </div>
              </dl>
            </div>
          </div>

          <h2 class="nhsuk-heading-m">Check-in</h2>
          <div class="app-check-in" data-testid="check-in-panel">
            <div class="app-check-in__text">
              <p>Show this to the room. Delegates can check themselves in with the code:</p>
              <p class="app-check-in__code">
                <span aria-hidden="true" data-testid="check-in-code">{{ register.checkIn.code }}</span>
                <span class="nhsuk-u-visually-hidden">{{ spelledCode() }}</span>
              </p>
              <p>or by scanning the QR code with their phone camera.</p>
              <p class="nhsuk-body-s">
                Check-in opens at {{ register.checkIn.opensAt | londonDateTime }} and closes at
                {{ register.checkIn.closesAt | londonDateTime }}. Checking in more than 10 minutes after the
                start counts as late.
              </p>
            </div>
            <img
              class="app-check-in__qr"
              [src]="qrUrl()"
              [alt]="'QR code to check in to ' + register.title"
              width="220"
              height="220"
            />
          </div>

          <h2 class="nhsuk-heading-m" id="delegates-heading">Delegates</h2>
          @if (notStarted()) {
            <div class="nhsuk-inset-text" data-testid="register-not-started">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              <p>
                You can record attendance from when the session starts, at
                {{ register.startsAt | londonDateTime }}. Delegates can check themselves in from 15 minutes
                before.
              </p>
            </div>
          }
          @if (register.entries.length) {
            <div class="nhsuk-button-group">
              <button
                class="nhsuk-button nhsuk-button--secondary"
                type="button"
                [attr.aria-disabled]="busy() || null"
                (click)="markAllPresent()"
              >
                Mark everyone present
              </button>
            </div>
            <div class="nhsuk-table-container" role="region" aria-labelledby="delegates-heading" tabindex="0">
              <table class="nhsuk-table" data-testid="register-table">
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                  Attendance at
                  {{
                    register.title
                  }}
                </caption>
                <thead class="nhsuk-table__head">
                  <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">Delegate</th>
                    <th class="nhsuk-table__header" scope="col">Attendance</th>
                    <th class="nhsuk-table__header" scope="col">Recorded by</th>
                  </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                  @for (entry of register.entries; track entry.enrolmentId) {
                    <tr class="nhsuk-table__row" [attr.data-enrolment-id]="entry.enrolmentId">
                      <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                        {{ entry.fullName }}
                        @if (entry.organisationName) {
                          <span class="nhsuk-body-s app-secondary-line">{{ entry.organisationName }}</span>
                        }
                        <span class="app-secondary-line">
                          <strong
                            class="nhsuk-tag"
                            [class]="placeTags[entry.place]"
                            data-testid="register-place"
                            >{{ placeLabels[entry.place] }}</strong
                          >
                        </span>
                      </th>
                      <td class="nhsuk-table__cell">
                        @if (!entry.markable) {
                          <p class="nhsuk-body-s nhsuk-u-margin-bottom-2" data-testid="not-markable">
                            Not expected: did not hold a place when this session started
                          </p>
                        } @else {
                          <fieldset class="nhsuk-fieldset">
                            <legend class="nhsuk-fieldset__legend nhsuk-u-visually-hidden">
                              Attendance of {{ entry.fullName }}
                            </legend>
                            <div
                              class="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small app-register-radios"
                            >
                              @for (status of statuses; track status) {
                                <div class="nhsuk-radios__item">
                                  <input
                                    class="nhsuk-radios__input"
                                    type="radio"
                                    [id]="radioId(entry, status)"
                                    [attr.name]="'attendance-' + entry.enrolmentId"
                                    [value]="status"
                                    [checked]="marks()[entry.enrolmentId] === status"
                                    (change)="mark(entry, status)"
                                  />
                                  <label
                                    class="nhsuk-label nhsuk-radios__label"
                                    [attr.for]="radioId(entry, status)"
                                    >{{ labels[status] }}</label
                                  >
                                </div>
                              }
                            </div>
                          </fieldset>
                        }
                        @if (marks()[entry.enrolmentId]) {
                          <button
                            class="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-clear-mark"
                            type="button"
                            [attr.aria-disabled]="busy() || null"
                            (click)="clear(entry)"
                          >
                            Clear<span class="nhsuk-u-visually-hidden">
                              the mark for {{ entry.fullName }}</span
                            >
                          </button>
                        }
                      </td>
                      <td class="nhsuk-table__cell" data-testid="recorded-by">
                        {{ entry.method ? methods[entry.method] : 'Not yet' }}
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            <button class="nhsuk-button" type="button" [attr.aria-disabled]="busy() || null" (click)="save()">
              Save register
            </button>

            <h2 class="nhsuk-heading-m">Sign-in sheet and downloads</h2>
            <p>Print a sign-in sheet for everyone expected, with a box for each signature.</p>
            <div class="nhsuk-button-group">
              <button class="nhsuk-button nhsuk-button--secondary" type="button" (click)="print()">
                Print sign-in sheet
              </button>
            </div>
            <ul class="nhsuk-list">
              <li><a [href]="exportUrl('csv')" download>Download the register (CSV)</a></li>
              <li><a [href]="exportUrl('xlsx')" download>Download the register (Excel, XLSX)</a></li>
            </ul>
          } @else {
            <p>No delegates are enrolled on this session's cohort yet.</p>
          }
          <p>
            <a [routerLink]="backLink()">{{ backText() }}</a>
          </p>
        }
      }
    }

    @if (register(); as register) {
      <!-- Shown only on paper: a sign-in sheet of everyone expected at the session. -->
      <div class="app-sign-in-sheet" data-testid="sign-in-sheet">
        <h2 class="nhsuk-heading-l">Sign-in sheet</h2>
        <p>
          <strong>{{ register.title }}</strong>
          @if (register.cohortName) {
            <br />{{ register.cohortName }}
          }
          <br />{{ register.startsAt | londonRange: register.endsAt }}
          @if (register.venue) {
            <br />{{ register.venue }}
          }
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Organisation</th>
              <th scope="col" class="app-sign-in-sheet__signature">Signature</th>
            </tr>
          </thead>
          <tbody>
            @for (entry of expected(); track entry.enrolmentId) {
              <tr>
                <td>{{ entry.fullName }}</td>
                <td>{{ entry.organisationName }}</td>
                <td></td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
})
export class SessionRegisterPage implements OnInit {
  private readonly api = inject(AttendanceApiService);
  private readonly session = inject(SessionService);
  private readonly titles = inject(PageTitleStrategy);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly document = inject(DOCUMENT);

  /** Route parameter `:id`: the session. */
  readonly id = input.required<string>();
  /** Query parameter: the cohort page this was opened from, to go back to. */
  readonly cohort = input<string>();

  protected readonly statuses = ATTENDANCE_STATUSES;
  protected readonly labels = ATTENDANCE_LABELS;
  protected readonly methods = METHOD_LABELS;
  protected readonly placeLabels = REGISTER_PLACE_LABELS;
  protected readonly placeTags = PLACE_TAGS;

  protected readonly state = signal<LoadState<SessionRegister>>(LOADING);
  protected readonly register = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  /** The attendance chosen for each enrolment, saved or not yet. */
  protected readonly marks = signal<Record<string, AttendanceStatus | null>>({});
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly message = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly qrUrl = computed(() => checkInQrUrl(this.id()));
  /** The sign-in sheet's rows: those who can be marked, i.e. who hold (or held) a place at the session. */
  protected readonly expected = computed(
    () => this.register()?.entries.filter((entry) => entry.markable) ?? [],
  );
  /** Registers are taken from the session's start (as loaded; the server decides). */
  protected readonly notStarted = computed(() => {
    const register = this.register();
    return register !== null && Date.parse(register.startsAt) > Date.now();
  });
  /** Read out letter by letter: "K 7 Q X 2 M". */
  protected readonly spelledCode = computed(() => {
    const code = this.register()?.checkIn.code ?? '';
    return code.split('').join(' ');
  });
  protected readonly backLink = computed(() => {
    const cohort = this.cohort();
    if (cohort) return ['/cohorts', cohort];
    return this.session.isFacilitator() ? ['/my-sessions'] : ['/cohorts'];
  });
  protected readonly backText = computed(() => {
    if (this.cohort()) return 'Back to the cohort';
    return this.session.isFacilitator() ? 'Back to my sessions' : 'Back to cohorts';
  });

  ngOnInit(): void {
    loadState(this.api.register(this.id()), REGISTER_MESSAGES.notFound).subscribe((state) => {
      if (state.status === 'loaded') this.show(state.value);
      this.state.set(state);
    });
  }

  private show(register: SessionRegister): void {
    this.marks.set(Object.fromEntries(register.entries.map((entry) => [entry.enrolmentId, entry.status])));
    this.titles.setPageTitle(`Register: ${register.title}`);
  }

  protected exportUrl(format: 'csv' | 'xlsx'): string {
    return registerExportUrl(this.id(), format);
  }

  /** The browser's print dialogue; the print styles turn the page into the sign-in sheet. */
  protected print(): void {
    this.document.defaultView?.print();
  }

  protected radioId(entry: RegisterEntry, status: AttendanceStatus): string {
    return `attendance-${entry.enrolmentId}-${status}`;
  }

  protected mark(entry: RegisterEntry, status: AttendanceStatus): void {
    this.marks.update((marks) => ({ ...marks, [entry.enrolmentId]: status }));
  }

  /**
   * Back to not recorded: a saved mark is cleared on the server (whoever set it, check-in included); a mark
   * chosen but not saved yet is only taken off the form.
   */
  protected clear(entry: RegisterEntry): void {
    if (entry.status === null) {
      this.marks.update((marks) => ({ ...marks, [entry.enrolmentId]: null }));
      return;
    }
    this.send(this.api.clear(this.id(), entry.enrolmentId), () => REGISTER_MESSAGES.cleared(entry.fullName));
  }

  protected markAllPresent(): void {
    this.send(this.api.allPresent(this.id()), () => REGISTER_MESSAGES.allPresent);
  }

  protected save(): void {
    const markable = new Set(
      this.register()
        ?.entries.filter((entry) => entry.markable)
        .map((entry) => entry.enrolmentId),
    );
    // A mark left on someone no longer expected can only be cleared, so it is not sent again.
    const entries = Object.entries(this.marks())
      .filter((pair): pair is [string, AttendanceStatus] => pair[1] !== null && markable.has(pair[0]))
      .map(([enrolmentId, status]) => ({ enrolmentId, status }));
    if (!entries.length) {
      this.message.set(null);
      this.errors.set([{ text: REGISTER_MESSAGES.nothingMarked }]);
      return;
    }
    this.send(
      this.api.record(this.id(), { entries }),
      (saved) => `${REGISTER_MESSAGES.saved}: ${registerSummary(saved.entries.map((entry) => entry.status))}`,
    );
  }

  private send(request: Observable<SessionRegister>, success: (saved: SessionRegister) => string): void {
    if (this.busy()) return;
    this.busy.set(true);
    request.subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.errors.set([]);
        this.show(saved);
        this.state.set({ status: 'loaded', value: saved });
        this.message.set(success(saved));
        focusAfterRender(this.injector, this.host, '[data-testid="success-banner"]');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.message.set(null);
        this.errors.set(mapApiError(error).errors);
      },
    });
  }
}
