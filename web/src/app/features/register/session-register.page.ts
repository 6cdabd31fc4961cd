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
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { ATTENDANCE_STATUSES, AttendanceStatus, RegisterEntry, SessionRegister } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { AttendanceApiService, checkInQrUrl } from '../../core/api/attendance-api.service';
import { SessionService } from '../../core/auth/session.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonDateTimePipe, LondonRangePipe } from '../../shared/london-time';
import { ATTENDANCE_LABELS } from '../../shared/status-tags';
import { SuccessBannerComponent } from '../../shared/success-banner.component';

export const REGISTER_MESSAGES = {
  saved: 'Register saved',
  allPresent: 'Everyone is marked present',
  nothingMarked: "Mark at least one delegate's attendance before saving",
  cleared: (name: string) => `Mark cleared for ${name}`,
  notFound: 'This session does not exist, or you are not one of its facilitators.',
} as const;

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
 * and each booked delegate marked present, late, absent or with apologies.
 */
@Component({
  selector: 'app-session-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
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
                      </th>
                      <td class="nhsuk-table__cell">
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
          } @else {
            <p>No delegates are booked on this session yet.</p>
          }
          <p>
            <a [routerLink]="backLink()">{{ backText() }}</a>
          </p>
        }
      }
    }
  `,
})
export class SessionRegisterPage implements OnInit {
  private readonly api = inject(AttendanceApiService);
  private readonly session = inject(SessionService);
  private readonly titles = inject(PageTitleStrategy);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** Route parameter `:id`: the session. */
  readonly id = input.required<string>();
  /** Query parameter: the cohort page this was opened from, to go back to. */
  readonly cohort = input<string>();

  protected readonly statuses = ATTENDANCE_STATUSES;
  protected readonly labels = ATTENDANCE_LABELS;
  protected readonly methods = METHOD_LABELS;

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
    const entries = Object.entries(this.marks())
      .filter((pair): pair is [string, AttendanceStatus] => pair[1] !== null)
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
