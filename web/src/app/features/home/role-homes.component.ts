import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  ACTION_STATUS_LABELS,
  AnalyticsOverview,
  CalendarEntry,
  EvaluationDue,
  Journey,
  ProgrammeAction,
  SessionFeedbackDue,
} from '@upstand/contracts';
import { addDays } from '@upstand/schedule';
import { catchError, forkJoin, map, Observable, of, switchMap } from 'rxjs';
import { AnalyticsApiService } from '../../core/api/analytics-api.service';
import { ApprovalsApiService } from '../../core/api/approvals-api.service';
import { CalendarApiService } from '../../core/api/calendar-api.service';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { ErasureApiService } from '../../core/api/erasure-api.service';
import { EvaluationsApiService } from '../../core/api/evaluations-api.service';
import { GovernanceApiService } from '../../core/api/governance-api.service';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { formatLondonRange, londonToday } from '../../shared/london-time';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import {
  delegateNextStep,
  facilitatorNextStep,
  facilitatorSessions,
  HOME_LIST_LENGTH,
  impactHeadline,
  leadNextStep,
  managerNextStep,
  NextStep,
  openActions,
  REGISTER_DAYS,
  registerLink,
} from './home.model';
import { NextStepComponent } from './next-step.component';

/** How far ahead a programme lead's home looks for sessions that need attention. */
export const ATTENTION_WEEKS = 8;
/** How far ahead a facilitator's home looks for their sessions. */
export const FACILITATOR_DAYS_AHEAD = 120;

/** A loaded value, or the empty answer while loading or after a failure (the section then says so). */
function load<T>(source: Observable<T>) {
  return toSignal(loadState(source), { initialValue: LOADING as LoadState<T> });
}

/** "Loading…" and "could not be loaded" for a home section; the content once loaded. */
const STATUS = `
  @switch (state().status) {
    @case ('loading') {
      <p role="status">Loading…</p>
    }
    @case ('failed') {
      <p>This could not be loaded. Try again later.</p>
    }
  }
`;

/** A delegate: the single next thing to do, then My journey. Never the journey page itself. */
@Component({
  selector: 'app-delegate-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NextStepComponent],
  template: `
    ${STATUS}
    @if (step(); as next) {
      <app-next-step [step]="next" [label]="label()" />
      <p><a routerLink="/journey">See your whole journey</a></p>
    }
  `,
})
export class DelegateHomeComponent {
  readonly label = input('What to do next');
  private readonly evaluations = inject(EvaluationsApiService);
  protected readonly state = load(
    forkJoin({
      journey: inject(EnrolmentsApiService).journey(),
      questionnaires: this.evaluations.due().pipe(catchError(() => of([] as EvaluationDue[]))),
      feedback: this.evaluations.sessionFeedbackDue().pipe(catchError(() => of([] as SessionFeedbackDue[]))),
    }),
  );
  protected readonly step = computed(() => {
    const value = loadedValue(this.state());
    return value ? delegateNextStep(value.journey as Journey, value.questionnaires, value.feedback) : null;
  });
}

/** A facilitator: registers to take, then their next sessions. Never "create cohorts" (a lead's task). */
@Component({
  selector: 'app-facilitator-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NextStepComponent],
  template: `
    ${STATUS}
    @if (sessions(); as found) {
      <app-next-step [step]="step()!" [label]="label()" />
      @if (found.registers.length > 1) {
        <h2 class="nhsuk-heading-m">Registers to take</h2>
        <ul class="nhsuk-list nhsuk-list--border" data-testid="registers">
          @for (entry of found.registers; track entry.sessionId) {
            <li>
              <a [routerLink]="registerLink(entry)">{{ entry.title }}</a>{{ ' ' }}
              <span class="app-secondary-line nhsuk-body-s">{{ when(entry) }}</span>
            </li>
          }
        </ul>
      }
      @if (found.upcoming.length) {
        <h2 class="nhsuk-heading-m">Your next sessions</h2>
        <ul class="nhsuk-list nhsuk-list--border" data-testid="upcoming-sessions">
          @for (entry of found.upcoming.slice(0, listLength); track entry.sessionId) {
            <li>
              <span class="nhsuk-u-font-weight-bold">{{ entry.title }}</span>
              @if (entry.cohortName) {
                ({{ entry.cohortName }})
              }
              {{ ' ' }}
              <span class="app-secondary-line nhsuk-body-s">{{ when(entry) }}</span>
            </li>
          }
        </ul>
      }
      <p><a routerLink="/my-sessions">See all your sessions</a></p>
    }
  `,
})
export class FacilitatorHomeComponent {
  readonly label = input('What to do next');
  protected readonly listLength = HOME_LIST_LENGTH;
  protected readonly registerLink = registerLink;
  private readonly today = londonToday();
  protected readonly state = load(
    inject(CalendarApiService).mySessions(
      addDays(this.today, -REGISTER_DAYS),
      addDays(this.today, FACILITATOR_DAYS_AHEAD),
    ),
  );
  protected readonly sessions = computed(() => {
    const entries = loadedValue(this.state());
    return entries ? facilitatorSessions(entries, new Date()) : null;
  });
  protected readonly step = computed(() => {
    const found = this.sessions();
    return found ? facilitatorNextStep(found.registers, found.upcoming) : null;
  });
  protected when(entry: CalendarEntry): string {
    const where = entry.mode === 'virtual' ? 'online' : (entry.venueName ?? 'in person');
    return `${formatLondonRange(entry.startsAt, entry.endsAt)}, ${where}`;
  }
}

/** A line manager: places waiting for approval, then their team. */
@Component({
  selector: 'app-manager-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NextStepComponent, NhsDatePipe],
  template: `
    ${STATUS}
    @if (data(); as found) {
      <app-next-step [step]="step()!" [label]="label()" />
      @if (found.approvals.items.length) {
        <h2 class="nhsuk-heading-m">Waiting for your approval</h2>
        <ul class="nhsuk-list nhsuk-list--border" data-testid="approvals-waiting">
          @for (request of found.approvals.items.slice(0, listLength); track request.id) {
            <li>
              <span class="nhsuk-u-font-weight-bold">{{ request.delegateName }}</span>, {{ request.cohortName
              }}{{ ' ' }}
              <span class="app-secondary-line nhsuk-body-s"
                >Answer by {{ request.expiresAt.slice(0, 10) | nhsDate }}</span
              >
            </li>
          }
        </ul>
      }
    }
  `,
})
export class ManagerHomeComponent {
  readonly label = input('What to do next');
  protected readonly listLength = HOME_LIST_LENGTH;
  private readonly api = inject(ApprovalsApiService);
  protected readonly state = load(
    forkJoin({
      approvals: this.api.pending({}),
      team: this.api.team({}),
    }),
  );
  protected readonly data = computed(() => loadedValue(this.state()) ?? null);
  protected readonly step = computed(() => {
    const found = this.data();
    return found ? managerNextStep(found.approvals.total, found.team.total) : null;
  });
}

/** A sponsor: their organisation's figures, then its delegates. */
@Component({
  selector: 'app-sponsor-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NextStepComponent],
  template: `
    <app-next-step [step]="step" [label]="label()" />
    <h2 class="nhsuk-heading-m">Your organisation's delegates</h2>
    ${STATUS}
    @if (delegates(); as found) {
      <p data-testid="sponsor-delegates">
        @if (found.total === 0) {
          Nobody from your organisation has signed up yet.
        } @else {
          {{ found.total === 1 ? '1 member' : found.total + ' members' }} of your staff
          {{ found.total === 1 ? 'has' : 'have' }} signed up.
        }
      </p>
      <p><a routerLink="/sponsor">See your delegates and their progress</a></p>
    }
  `,
})
export class SponsorHomeComponent {
  readonly label = input('What to do next');
  protected readonly step: NextStep = {
    kind: 'figures',
    heading: "Your organisation's figures",
    text: 'How many of your staff are trained, and what changed for them, with small numbers withheld.',
    link: '/impact',
    linkText: "See your organisation's figures",
  };
  protected readonly state = load(inject(EnrolmentsApiService).sponsorDelegates({}));
  protected readonly delegates = computed(() => loadedValue(this.state()) ?? null);
}

/** A steering group member (and a lead): the latest Impact headline and the programme's open actions. */
@Component({
  selector: 'app-steering-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NextStepComponent, NhsDatePipe],
  template: `
    ${STATUS}
    @if (data(); as found) {
      @if (showStep()) {
        <app-next-step [step]="step()!" [label]="label()" />
      }
      <h2 class="nhsuk-heading-m">Impact headline</h2>
      <div class="nhsuk-inset-text" data-testid="impact-headline">
        <span class="nhsuk-u-visually-hidden">Information: </span>
        <p>{{ found.headline }}</p>
      </div>
      <p><a routerLink="/impact">See the impact in full</a></p>
      <h2 class="nhsuk-heading-m">Open actions</h2>
      @if (found.actions.length) {
        <ul class="nhsuk-list nhsuk-list--border" data-testid="open-actions">
          @for (action of found.actions.slice(0, listLength); track action.id) {
            <li>
              <span class="nhsuk-u-font-weight-bold">{{ action.action }}</span>{{ ' ' }}
              <span class="app-secondary-line nhsuk-body-s">
                {{ action.owner }}, due {{ action.dueDate | nhsDate }}, {{ statusLabels[action.status] }}
                @if (action.overdue) {
                  <strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>
                }
              </span>
            </li>
          }
        </ul>
        <p>
          <a routerLink="/governance"
            >See all {{ found.actions.length }} open actions in the programme review</a
          >
        </p>
      } @else {
        <p>The action log has no open actions.</p>
        <p><a routerLink="/governance">See the programme review</a></p>
      }
    }
  `,
})
export class SteeringHomeComponent {
  readonly label = input('What to do next');
  /** A lead sees the steering section without its own next step (the lead's comes first). */
  readonly showStep = input(true);
  protected readonly listLength = HOME_LIST_LENGTH;
  protected readonly statusLabels = ACTION_STATUS_LABELS;
  private readonly analytics = inject(AnalyticsApiService);
  private readonly governance = inject(GovernanceApiService);
  protected readonly state = load(
    inject(ProgrammesApiService)
      .list()
      .pipe(
        switchMap((programmes) => {
          const programme = programmes[0];
          if (!programme) return of({ headline: impactHeadline(null), actions: [] as ProgrammeAction[] });
          return forkJoin({
            headline: this.analytics.overview({ programmeId: programme.id }).pipe(
              map((overview: AnalyticsOverview) => impactHeadline(overview.headline)),
              catchError(() => of('The Impact figures could not be loaded. Try again later.')),
            ),
            actions: this.governance.actions(programme.id).pipe(map(openActions)),
          });
        }),
      ),
  );
  protected readonly data = computed(() => loadedValue(this.state()) ?? null);
  protected readonly step = computed((): NextStep | null => {
    const found = this.data();
    if (!found) return null;
    const overdue = found.actions.filter((action) => action.overdue).length;
    if (overdue > 0) {
      return {
        kind: 'overdue-actions',
        heading: overdue === 1 ? '1 action is overdue' : `${overdue} actions are overdue`,
        text: 'Check with their owners and update the action log.',
        link: '/governance',
        linkText: 'See the action log',
      };
    }
    return {
      kind: 'impact',
      heading: 'See what the programme has achieved',
      text: 'The figures for the steering group, with small numbers withheld.',
      link: '/impact',
      linkText: 'See the impact',
    };
  });
}

/** A programme lead: sessions needing staff or a venue, requests to erase data, then their tools. */
@Component({
  selector: 'app-lead-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NextStepComponent],
  template: `
    ${STATUS}
    @if (data(); as found) {
      <app-next-step [step]="step()!" [label]="label()" />
      @if (found.attention.length) {
        <h2 class="nhsuk-heading-m">Sessions that need attention</h2>
        <ul class="nhsuk-list nhsuk-list--border" data-testid="needs-attention">
          @for (entry of found.attention.slice(0, listLength); track entry.sessionId) {
            <li>
              @if (entry.cohortId) {
                <a [routerLink]="['/cohorts', entry.cohortId]">{{ entry.title }}</a>
              } @else {
                <span class="nhsuk-u-font-weight-bold">{{ entry.title }}</span>
              }
              @if (entry.cohortName) {
                ({{ entry.cohortName }})
              }
              {{ ' ' }}
              <span class="app-secondary-line nhsuk-body-s"
                >{{ when(entry) }}: {{ entry.problems.join('; ') }}</span
              >
            </li>
          }
        </ul>
      }
      @if (found.erasure > 0 && step()?.kind !== 'erasure') {
        <p data-testid="erasure-requests">
          <a routerLink="/admin/erasure-requests">{{
            found.erasure === 1
              ? '1 request to erase data is waiting'
              : found.erasure + ' requests to erase data are waiting'
          }}</a>
        </p>
      }
    }
  `,
})
export class LeadHomeComponent {
  readonly label = input('What to do next');
  protected readonly listLength = HOME_LIST_LENGTH;
  private readonly today = londonToday();
  protected readonly state = load(
    forkJoin({
      attention: inject(CalendarApiService)
        .entries({ from: this.today, to: addDays(this.today, ATTENTION_WEEKS * 7) })
        .pipe(
          map((entries) =>
            entries
              .filter((entry) => entry.status === 'scheduled' && entry.problems.length > 0)
              .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
          ),
        ),
      erasure: inject(ErasureApiService)
        .openRequests()
        .pipe(
          map((requests) => requests.length),
          catchError(() => of(0)),
        ),
    }),
  );
  protected readonly data = computed(() => loadedValue(this.state()) ?? null);
  protected readonly step = computed(() => {
    const found = this.data();
    return found ? leadNextStep(found.attention, found.erasure) : null;
  });
  protected when(entry: CalendarEntry): string {
    return formatLondonRange(entry.startsAt, entry.endsAt);
  }
}
