import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Role, ROLE_LABELS, ROLES } from '@upstand/contracts';
import { SessionService } from '../../core/auth/session.service';
import { FeaturesService } from '../../core/features.service';
import {
  DelegateHomeComponent,
  FacilitatorHomeComponent,
  LeadHomeComponent,
  ManagerHomeComponent,
  SponsorHomeComponent,
  SteeringHomeComponent,
} from './role-homes.component';

interface Task {
  title: string;
  description: string;
  link: string;
}

/** What each role can do, in the order of the navigation. */
const TASKS: { roles: Role[]; unless?: Role; task: Task }[] = [
  {
    roles: ['facilitator'],
    task: {
      title: 'My sessions',
      description: 'See the sessions you facilitate and subscribe to them from your calendar',
      link: '/my-sessions',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Cohorts',
      description: 'Create cohorts, check their schedules and move, staff or cancel sessions',
      link: '/cohorts',
    },
  },
  {
    // A facilitator may look at cohorts but not create them (the API refuses), so is not offered to.
    roles: ['facilitator'],
    unless: 'programme-lead',
    task: {
      title: 'Cohorts',
      description: 'The cohorts you facilitate, their schedules and their delegates',
      link: '/cohorts',
    },
  },
  {
    roles: ['programme-lead', 'facilitator'],
    task: {
      title: 'Calendar',
      description: 'Every session by month, week or list, and what still needs attention',
      link: '/calendar',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Facilitators',
      description: 'Who can run which sessions, at which level, and the days they are away',
      link: '/facilitators',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Venues',
      description: 'Where the in-person sessions happen, with capacity and accessibility',
      link: '/venues',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Organisations',
      description: 'Find, add and update the organisations and integrated care boards in the programme',
      link: '/organisations',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Programmes',
      description: 'The journey of each programme, and whether line managers approve places',
      link: '/programmes',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Session feedback',
      description: 'What delegates said about each session, for facilitators to learn from',
      link: '/session-feedback',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Imports',
      description: 'Bring in questionnaire answers, enrolments and headcounts from spreadsheets',
      link: '/imports',
    },
  },
  {
    roles: ['programme-lead'],
    task: {
      title: 'Mailbox',
      description: 'Demonstration: read the emails Upstand would have sent',
      link: '/mailbox',
    },
  },
  {
    roles: ['delegate'],
    task: {
      title: 'My journey',
      description: 'Your place, your sessions and your attendance, and your certificate when you finish',
      link: '/journey',
    },
  },
  {
    roles: ['delegate'],
    task: {
      title: 'Open cohorts',
      description: 'Find a cohort of the Active Bystander Programme and sign up',
      link: '/cohorts/open',
    },
  },
  {
    roles: ['delegate', 'facilitator'],
    task: {
      title: 'Community',
      description: 'Certified Active Bystanders in the Community of Practice directory',
      link: '/community',
    },
  },
  {
    roles: ['line-manager'],
    task: {
      title: 'My team',
      description: 'Approve places for your staff and see how they are getting on',
      link: '/manager',
    },
  },
  {
    roles: ['sponsor'],
    task: {
      title: 'Our delegates',
      description: "Your organisation's staff on the programme and their progress",
      link: '/sponsor',
    },
  },
  {
    roles: ['programme-lead', 'sponsor', 'steering'],
    task: {
      title: 'Impact',
      description: 'Who has been trained and what changed for them, with small numbers withheld',
      link: '/impact',
    },
  },
  {
    roles: ['programme-lead', 'steering'],
    task: {
      title: 'Programme review',
      description: 'Rate the programme against the evaluation framework and keep the action log',
      link: '/governance',
    },
  },
];

/** The order of the role sections on the home page. */
const SECTION_ORDER: Role[] = [
  'programme-lead',
  'facilitator',
  'delegate',
  'line-manager',
  'sponsor',
  'steering',
];

/** "a programme lead", "an organisation sponsor", "a steering group member". */
function article(label: string): string {
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  return /^[aeiou]/i.test(lower) ? `an ${lower}` : `a ${lower}`;
}

/**
 * The home page of everyone signed in: for each of their roles, the one thing to do next and what needs their
 * attention (a delegate's next session or questionnaire, a facilitator's registers, a manager's approvals, a
 * sponsor's figures, the steering group's headline and open actions, a lead's sessions needing staff), then
 * links to everything they can use.
 */
@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    LeadHomeComponent,
    FacilitatorHomeComponent,
    DelegateHomeComponent,
    ManagerHomeComponent,
    SponsorHomeComponent,
    SteeringHomeComponent,
  ],
  template: `
    @if (session.user(); as user) {
      <h1>Welcome, {{ user.fullName }}</h1>
      @if (roles().length) {
        <p class="nhsuk-body-s">
          Signed in as:
          <span data-testid="roles">
            @for (role of roles(); track role; let last = $last) {
              <span>{{ role }}</span>{{ last ? '' : ', ' }}
            }
          </span>
        </p>
      } @else {
        <p>You do not have a role yet. Your programme lead can give you one.</p>
      }

      @for (section of sections(); track section.role) {
        <section
          [attr.aria-label]="section.title"
          [attr.data-role]="section.role"
          class="nhsuk-u-margin-bottom-6"
        >
          @switch (section.role) {
            @case ('programme-lead') {
              <app-lead-home [label]="section.label" />
            }
            @case ('facilitator') {
              <app-facilitator-home [label]="section.label" />
            }
            @case ('delegate') {
              <app-delegate-home [label]="section.label" />
            }
            @case ('line-manager') {
              <app-manager-home [label]="section.label" />
            }
            @case ('sponsor') {
              <app-sponsor-home [label]="section.label" />
            }
            @case ('steering') {
              <app-steering-home [label]="section.label" />
            }
          }
        </section>
      }

      @if (tasks().length) {
        <h2 class="nhsuk-heading-m">What you can do</h2>
        <ul class="nhsuk-grid-row nhsuk-card-group" data-testid="tasks">
          @for (task of tasks(); track task.link) {
            <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
              <div class="nhsuk-card nhsuk-card--clickable">
                <div class="nhsuk-card__content">
                  <h3 class="nhsuk-card__heading nhsuk-heading-s">
                    <a class="nhsuk-card__link" [routerLink]="task.link">{{ task.title }}</a>
                  </h3>
                  <p class="nhsuk-card__description">{{ task.description }}</p>
                </div>
              </div>
            </li>
          }
        </ul>
      }
    }
  `,
})
export class HomePage {
  protected readonly session = inject(SessionService);
  private readonly features = inject(FeaturesService);

  /** Role names in the programme's order; a sponsor's organisation is shown with the role. */
  protected readonly roles = computed(() => {
    const grants = this.session.user()?.roles ?? [];
    return [...grants]
      .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role))
      .map((grant) =>
        grant.organisationName
          ? `${ROLE_LABELS[grant.role]} (${grant.organisationName})`
          : ROLE_LABELS[grant.role],
      )
      .filter((label, index, all) => all.indexOf(label) === index);
  });

  /**
   * One section per role, in the order of the navigation, each leading with its next step. A programme lead's
   * section covers the steering group's figures through the Impact link, so a lead gets no steering section.
   */
  protected readonly sections = computed(() => {
    const held = this.session.roles();
    const roles = SECTION_ORDER.filter(
      (role) => held.has(role) && !(role === 'steering' && held.has('programme-lead')),
    );
    return roles.map((role) => ({
      role,
      title: `${ROLE_LABELS[role]}: what to do next`,
      label: roles.length > 1 ? `What to do next as ${article(ROLE_LABELS[role])}` : 'What to do next',
    }));
  });

  protected readonly tasks = computed(() =>
    TASKS.filter(
      (entry) =>
        this.session.hasAnyRole(entry.roles) &&
        !(entry.unless && this.session.hasAnyRole([entry.unless])) &&
        (entry.task.link !== '/mailbox' || this.features.demoMailbox()),
    ).map((entry) => entry.task),
  );
}
