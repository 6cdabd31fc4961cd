import { Injectable } from '@nestjs/common';
import { scopesCoverSystem } from '../../common/auth/access-scope';
import {
  FACILITATOR_LEVEL_LABELS,
  REQUIRED_STAFFING,
  SESSION_KIND_LABELS,
  SessionKind,
} from '@upstand/contracts';
import { formatLondonDate, utcToLondonWallClock } from '@upstand/schedule';
import { EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError } from '../../common/domain-errors';
import { FacilitatorEntity } from '../facilitators/facilitator.entity';
import { FacilitatorsRepository } from '../facilitators/facilitators.repository';
import { VenuesRepository } from '../venues/venues.repository';
import { BookingClash, StaffingRepository } from './staffing.repository';

export interface SlotToStaff {
  sessionId: string | null;
  kind: SessionKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long' });

/**
 * "Thursday 25 March 2027" (the GOV.UK style, without the comma Intl adds), or "25 March 2027" with
 * `{ weekday: false }`: the shared NHS date format, in London.
 */
export function formatLondonDay(instant: Date, options: { weekday?: boolean } = {}): string {
  const date = formatLondonDate(instant);
  return options.weekday === false ? date : `${weekday.format(instant)} ${date}`;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Thursday 25 March 2027 09:00" in London time */
export function formatLondonDayTime(instant: Date): string {
  return `${formatLondonDay(instant)} ${timeFormat.format(instant)}`;
}

/** "Thursday 25 March 2027 09:00–16:30" in London time */
export function describeSlot(startsAt: Date, endsAt: Date): string {
  return `${formatLondonDayTime(startsAt)}–${timeFormat.format(endsAt)}`;
}

const describeClash = (clash: BookingClash) =>
  `${clash.title}${clash.cohortName ? ` (${clash.cohortName})` : ''} on ${describeSlot(clash.startsAt, clash.endsAt)}`;

/** The rules for who may run a session and where: qualification, availability, staffing levels, clashes. */
@Injectable()
export class StaffingService {
  constructor(
    private readonly repository: StaffingRepository,
    private readonly facilitators: FacilitatorsRepository,
    private readonly venues: VenuesRepository,
  ) {}

  /** Loads the facilitators by id, refusing unknown ids (400 naming the field). Keeps the given order. */
  async loadFacilitators(ids: string[], manager: EntityManager): Promise<FacilitatorEntity[]> {
    const unique = [...new Set(ids)];
    if (unique.length !== ids.length)
      throw InvalidInputError.field('facilitatorIds', 'facilitatorIds lists someone twice');
    const found = await this.facilitators.findByIds(unique, manager);
    const byId = new Map(found.map((facilitator) => [facilitator.id, facilitator]));
    const missing = unique.filter((id) => !byId.has(id));
    if (missing.length > 0)
      throw InvalidInputError.field('facilitatorIds', `No facilitator with id ${missing.join(', ')}`);
    return unique.map((id) => byId.get(id) as FacilitatorEntity);
  }

  /**
   * Refuses (400 naming facilitatorIds) anyone whose facilitator grant does not reach the session's system: a
   * facilitator scoped to another ICB works there, not here. A series for the whole region (no system) takes
   * anyone from the pool.
   */
  async assertTeamInScope(
    team: FacilitatorEntity[],
    systemId: string | null,
    manager: EntityManager,
    field = 'facilitatorIds',
  ): Promise<void> {
    if (team.length === 0 || systemId === null) return;
    const scopes = await this.repository.facilitatorScopes(
      team.map((facilitator) => facilitator.id),
      manager,
    );
    const outside = team.filter(
      (facilitator) => !scopesCoverSystem(scopes.get(facilitator.id) ?? [], systemId),
    );
    if (outside.length > 0)
      throw InvalidInputError.field(
        field,
        `${outside.map((facilitator) => facilitator.user?.fullName ?? facilitator.id).join(', ')} facilitate${outside.length === 1 ? 's' : ''} for another system and cannot run this session`,
      );
  }

  /**
   * Refuses (409, naming the problem) a team that may not run this session: inactive or unqualified people,
   * someone unavailable that day, too few facilitators or no lead where one is needed, or a double booking.
   * An empty team is allowed: the session is then flagged as under-staffed.
   */
  async assertCanStaff(slot: SlotToStaff, team: FacilitatorEntity[], manager: EntityManager): Promise<void> {
    if (team.length === 0) return;
    const day = utcToLondonWallClock(slot.startsAt).date;
    for (const facilitator of team) {
      const name = facilitator.user?.fullName ?? 'A facilitator';
      if (!facilitator.active)
        throw new ConflictError(`${name} is not an active facilitator`, 'facilitatorIds');
      if (!facilitator.sessionKinds.includes(slot.kind)) {
        throw new ConflictError(
          `${name} is not set up to run ${SESSION_KIND_LABELS[slot.kind].toLowerCase()} sessions`,
          'facilitatorIds',
        );
      }
      if ((facilitator.unavailability ?? []).some((unavailable) => unavailable.date === day)) {
        throw new ConflictError(
          `${name} is unavailable on ${formatLondonDay(slot.startsAt)}`,
          'facilitatorIds',
        );
      }
    }
    const required = REQUIRED_STAFFING[slot.kind];
    const leads = team.filter((facilitator) => facilitator.level === 'lead-facilitator').length;
    if (team.length < required.total || leads < required.leads) {
      const needs = `${required.total} facilitator${required.total === 1 ? '' : 's'}${required.leads > 0 ? `, at least ${required.leads} a ${FACILITATOR_LEVEL_LABELS['lead-facilitator'].toLowerCase()}` : ''}`;
      throw new ConflictError(
        `${slot.title} is under-staffed: a ${SESSION_KIND_LABELS[slot.kind].toLowerCase()} needs ${needs}`,
        'facilitatorIds',
      );
    }
    const clash = await this.repository.findFacilitatorClash(
      team.map((facilitator) => facilitator.id),
      slot.startsAt,
      slot.endsAt,
      slot.sessionId,
      manager,
    );
    if (clash)
      throw new ConflictError(
        `${clash.ownerName} is already facilitating ${describeClash(clash)}`,
        'facilitatorIds',
      );
  }

  /** Refuses (409) a venue already booked for an overlapping session. */
  async assertVenueFree(
    venueId: string,
    slot: Omit<SlotToStaff, 'kind' | 'title'>,
    manager: EntityManager,
  ): Promise<void> {
    const clash = await this.repository.findVenueClash(
      venueId,
      slot.startsAt,
      slot.endsAt,
      slot.sessionId,
      manager,
    );
    if (clash)
      throw new ConflictError(`${clash.ownerName} is already booked for ${describeClash(clash)}`, 'venueId');
  }

  async assertVenueExists(venueId: string): Promise<void> {
    if (!(await this.venues.findById(venueId)))
      throw InvalidInputError.field('venueId', 'venueId must be the id of a venue');
  }

  replace(
    sessionId: string,
    facilitatorIds: string[],
    startsAt: Date,
    endsAt: Date,
    manager: EntityManager,
  ): Promise<void> {
    return this.repository.replace(sessionId, facilitatorIds, startsAt, endsAt, manager);
  }

  activeFacilitatorIds(sessionId: string, manager: EntityManager): Promise<string[]> {
    return this.repository.activeFacilitatorIds(sessionId, manager);
  }

  retime(sessionId: string, startsAt: Date, endsAt: Date, manager: EntityManager): Promise<void> {
    return this.repository.retime(sessionId, startsAt, endsAt, manager);
  }

  release(sessionId: string, manager: EntityManager): Promise<void> {
    return this.repository.release(sessionId, manager);
  }
}
