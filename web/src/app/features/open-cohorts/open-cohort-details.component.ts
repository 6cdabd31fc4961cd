import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { OpenCohort, OpenCohortSession } from '@upstand/contracts';
import { formatLondonRange } from '../../shared/london-time';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';

/** "Leicester General Hospital, Leicester"; the venue alone when its town is unknown or already in its name. */
export function placeName(venueName: string | null, town: string | null): string | null {
  if (!venueName) return town;
  if (!town || venueName.toLowerCase().includes(town.toLowerCase())) return venueName;
  return `${venueName}, ${town}`;
}

/**
 * One line per session: "Thursday 25 March 2027, 9:00am to 4:30pm, Leicester General Hospital, Leicester".
 * `number` tells apart sessions that share a title ("Action learning set 3").
 */
export function sessionLine(
  session: OpenCohortSession,
  number?: number,
): { title: string; when: string; where: string } {
  const title = number ? `${session.title} ${number}` : session.title;
  return {
    title: session.setNumber ? `Set ${session.setNumber}: ${title}` : title,
    when: formatLondonRange(session.startsAt, session.endsAt),
    where:
      session.mode === 'virtual'
        ? 'online'
        : (placeName(session.venueName, session.town) ?? 'in person, venue to be confirmed'),
  };
}

/** Every session's line, numbering those whose title repeats within their set (the five learning sets). */
export function numberedLines(sessions: readonly OpenCohortSession[]): ReturnType<typeof sessionLine>[] {
  const key = (session: OpenCohortSession) => `${session.setNumber ?? ''}|${session.title}`;
  const totals = new Map<string, number>();
  for (const session of sessions) totals.set(key(session), (totals.get(key(session)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return sessions.map((session) => {
    const count = (seen.get(key(session)) ?? 0) + 1;
    seen.set(key(session), count);
    return sessionLine(session, (totals.get(key(session)) ?? 0) > 1 ? count : undefined);
  });
}

/**
 * Where an open cohort meets and every one of its session dates (the workshop days and the action learning sets),
 * as a summary list. Used on the open cohorts page and the start page.
 */
@Component({
  selector: 'app-open-cohort-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NhsDatePipe],
  template: `
    @let item = cohort();
    <dl class="nhsuk-summary-list">
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Where</dt>
        <dd class="nhsuk-summary-list__value" data-testid="where">
          {{ where() ?? 'Venue to be confirmed' }}
        </dd>
      </div>
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">System</dt>
        <dd class="nhsuk-summary-list__value">{{ item.system.name }} ({{ item.system.odsCode }})</dd>
      </div>
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Dates</dt>
        <dd class="nhsuk-summary-list__value" data-testid="dates">
          @if (lines().length) {
            <ul class="nhsuk-list app-session-dates">
              @for (line of lines(); track $index) {
                <li>
                  <span class="nhsuk-u-font-weight-bold">{{ line.title }}</span>{{ ' ' }}
                  <span class="app-secondary-line">{{ line.when }}, {{ line.where }}</span>
                </li>
              }
            </ul>
          } @else {
            Starts {{ item.startDate | nhsDate }}
          }
        </dd>
      </div>
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Places</dt>
        <dd class="nhsuk-summary-list__value" data-testid="places">
          @if (item.placesLeft > 0) {
            {{ item.placesLeft }} {{ item.placesLeft === 1 ? 'place' : 'places' }} left
          } @else {
            <strong class="nhsuk-tag nhsuk-tag--orange">Full: join the waiting list</strong>
          }
        </dd>
      </div>
    </dl>
  `,
})
export class OpenCohortDetailsComponent {
  readonly cohort = input.required<OpenCohort>();
  protected readonly where = computed(() => placeName(this.cohort().venueName, this.cohort().town));
  protected readonly lines = computed(() => numberedLines(this.cohort().sessions));
}
