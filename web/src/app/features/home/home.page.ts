import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Role, ROLE_LABELS, ROLES } from '@upstand/contracts';
import { SessionService } from '../../core/auth/session.service';
import { FeaturesService } from '../../core/features.service';

interface Task {
  title: string;
  description: string;
  link: string;
}

/** What each role can do, in the order of the navigation. */
const TASKS: { roles: Role[]; task: Task }[] = [
  {
    roles: ['facilitator'],
    task: {
      title: 'My sessions',
      description: 'See the sessions you facilitate and subscribe to them from your calendar',
      link: '/my-sessions',
    },
  },
  {
    roles: ['programme-lead', 'facilitator'],
    task: {
      title: 'Cohorts',
      description: 'Create cohorts, check their schedules and move, staff or cancel sessions',
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
];

@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (session.user(); as user) {
      <h1>Welcome, {{ user.fullName }}</h1>

      <h2 class="nhsuk-heading-m">Your roles</h2>
      @if (roles().length) {
        <ul class="nhsuk-list nhsuk-list--bullet" data-testid="roles">
          @for (role of roles(); track role) {
            <li>{{ role }}</li>
          }
        </ul>
      } @else {
        <p>You do not have a role yet. Your programme lead can give you one.</p>
      }

      <h2 class="nhsuk-heading-m">What you can do</h2>
      @if (tasks().length) {
        <ul class="nhsuk-grid-row nhsuk-card-group">
          @for (task of tasks(); track task.link) {
            <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
              <div class="nhsuk-card nhsuk-card--clickable">
                <div class="nhsuk-card__content">
                  <h3 class="nhsuk-card__heading nhsuk-heading-m">
                    <a class="nhsuk-card__link" [routerLink]="task.link">{{ task.title }}</a>
                  </h3>
                  <p class="nhsuk-card__description">{{ task.description }}</p>
                </div>
              </div>
            </li>
          }
        </ul>
      } @else {
        <div class="nhsuk-inset-text">
          <span class="nhsuk-u-visually-hidden">Information: </span>
          <p>There is nothing for you to do at the moment.</p>
        </div>
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

  protected readonly tasks = computed(() =>
    TASKS.filter(
      (entry) =>
        this.session.hasAnyRole(entry.roles) &&
        (entry.task.link !== '/mailbox' || this.features.demoMailbox()),
    ).map((entry) => entry.task),
  );
}
