import { Injectable } from '@nestjs/common';
import {
  Cohort,
  CohortQuery,
  CohortSession,
  Paged,
  Role,
  SchedulePreview,
  SchedulingWarning,
} from '@upstand/contracts';
import { generateSchedule, PlannedSession, scheduleWarnings, utcToLondonWallClock } from '@upstand/schedule';
import { randomUUID } from 'crypto';
import { InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { AuditService } from '../audit/audit.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { JourneyTemplateEntity } from '../programmes/journey-template.entity';
import { ProgrammesService } from '../programmes/programmes.service';
import { toCohort, toCohortSession } from './cohort.mapper';
import { CohortsRepository } from './cohorts.repository';
import { CohortScheduleDto, CreateCohortDto } from './dto/cohort.dto';
import { SessionViewsRepository } from './session-views.repository';
import { StaffingService } from './staffing.service';
import { AuthenticatedUser, hasRole } from '../../common/auth/authenticated-user';
import { coversSystem, visibleSystemIds } from '../../common/auth/access-scope';

/** The roles that see cohorts; what each grant reaches is the cohort's system (see access-scope.ts). */
const COHORT_READERS: readonly Role[] = ['programme-lead', 'facilitator'];

@Injectable()
export class CohortsService {
  constructor(
    private readonly repository: CohortsRepository,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly staffing: StaffingService,
    private readonly views: SessionViewsRepository,
  ) {}

  /** The sessions a cohort would get, without saving anything (the wizard's preview). */
  async preview(request: CohortScheduleDto, viewer: AuthenticatedUser): Promise<SchedulePreview> {
    await this.programmes.requireVisible(request.programmeId, viewer);
    const template = await this.programmes.currentTemplate(request.programmeId);
    const planned = plan(template, request.startDate);
    return {
      templateVersion: template.version,
      sessions: planned.map(toPlannedBody),
      // Nothing is saved yet, so the warnings name dates, not sessions.
      warnings: scheduleWarnings(
        planned.map((session, index) => ({ id: String(index), kind: session.kind, date: session.date })),
      ).map(({ code, message }) => ({ code, message })),
    };
  }

  /**
   * Saves the cohort and its generated sessions in one transaction. The workshop sessions get the venue and
   * the facilitators, virtual sessions the join link; any clash refuses the whole cohort (nothing half-saved).
   */
  async create(request: CreateCohortDto, actor: AuthenticatedUser): Promise<Cohort> {
    const actorUserId = actor.id;
    // Another system's programme does not exist for this lead (404, like a missing one).
    const programme = await this.programmes.requireVisible(request.programmeId, actor);
    const template = await this.programmes.currentTemplate(request.programmeId);
    const [system] = await this.organisations.findByOdsCodes([request.systemOdsCode]);
    if (!system || system.type !== 'icb') {
      throw InvalidInputError.field(
        'systemOdsCode',
        `systemOdsCode ${request.systemOdsCode} is not an integrated care board`,
      );
    }
    // A 400, not a 404: which ICBs exist is public reference data, so naming the field leaks nothing.
    if (!coversSystem(actor, ['programme-lead'], system.id)) {
      throw InvalidInputError.field(
        'systemOdsCode',
        `systemOdsCode ${system.odsCode} is outside your grant: you can create cohorts only for your own system`,
      );
    }
    // A system's own programme runs only in that system; a regional one in any system the lead's grant reaches.
    if (programme.systemId !== null && programme.systemId !== system.id)
      throw InvalidInputError.field(
        'systemOdsCode',
        `This programme belongs to ${programme.system?.odsCode ?? 'another system'}: its cohorts must be in that system`,
      );
    if (request.venueId) await this.staffing.assertVenueExists(request.venueId);
    const planned = plan(template, request.startDate);
    let warnings: SchedulingWarning[] = [];
    const cohort = await this.repository.transaction(async (manager) => {
      const team = await this.staffing.loadFacilitators(request.facilitatorIds ?? [], manager);
      await this.staffing.assertTeamInScope(team, system.id, manager);
      // Check every clash first, so the refusal names it (the database constraints stay the last line).
      for (const session of planned) {
        const slot = {
          sessionId: null,
          kind: session.kind,
          title: session.title,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
        };
        if (request.venueId && session.mode === 'in-person')
          await this.staffing.assertVenueFree(request.venueId, slot, manager);
        if (session.kind === 'workshop') await this.staffing.assertCanStaff(slot, team, manager);
      }
      const saved = await this.repository.insertCohort(
        {
          programmeId: request.programmeId,
          templateId: template.id,
          name: request.name,
          systemId: system.id,
          startDate: planned[0]?.date ?? request.startDate,
          capacity: request.capacity,
          venue: request.venue ?? null,
          createdByUserId: actorUserId,
        },
        planned.map((session) => ({
          stageKey: session.stageKey,
          kind: session.kind,
          mode: session.mode,
          sequence: session.sequence,
          title: session.title,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          status: 'scheduled',
          calendarUid: `${randomUUID()}@upstand`,
          calendarSequence: 0,
          venueId: session.mode === 'in-person' ? (request.venueId ?? null) : null,
          joinUrl: session.mode === 'virtual' ? request.joinUrl || null : null,
          seriesId: null,
        })),
        manager,
      );
      const savedSessions = await this.repository.sessionsOf(saved.id, manager);
      warnings = scheduleWarnings(
        savedSessions.map((session) => ({
          id: session.id,
          kind: session.kind,
          setId: session.setId,
          date: utcToLondonWallClock(session.startsAt).date,
        })),
      );
      for (const session of savedSessions) {
        if (session.kind === 'workshop' && team.length > 0) {
          await this.staffing.replace(
            session.id,
            team.map((facilitator) => facilitator.id),
            session.startsAt,
            session.endsAt,
            manager,
          );
        }
      }
      await this.audit.record(
        {
          actorUserId,
          action: 'cohort.created',
          entityType: 'cohort',
          entityId: saved.id,
          details: { sessions: planned.length, templateVersion: template.version },
        },
        manager,
      );
      return saved;
    });
    return { ...(await this.get(cohort.id, actor)), warnings };
  }

  /** A cohort outside the viewer's scope answers exactly as a missing one does (no existence leak). */
  async get(id: string, viewer: AuthenticatedUser): Promise<Cohort> {
    const cohort = await this.repository.findCohort(id);
    if (!cohort || !coversSystem(viewer, COHORT_READERS, cohort.systemId))
      throw new NotFoundError('Cohort', id);
    return toCohort(cohort);
  }

  /** A page of the cohorts of the systems the viewer's grants reach (every system for a regional grant). */
  async page(query: CohortQuery, viewer: AuthenticatedUser): Promise<Paged<Cohort>> {
    const window = pageWindow(query);
    const { rows, total } = await this.repository.pageCohorts(
      visibleSystemIds(viewer, COHORT_READERS),
      { pattern: window.q ? likePattern(window.q) : null, when: query.when ?? null },
      window.take,
      window.skip,
    );
    return paged(rows.map(toCohort), total, window);
  }

  /** Every cohort the viewer may see, by name: for pickers (calendar filter, transfer targets). */
  async options(viewer: AuthenticatedUser): Promise<Cohort[]> {
    return (await this.repository.listCohorts(visibleSystemIds(viewer, COHORT_READERS))).map(toCohort);
  }

  async sessions(cohortId: string, viewer: AuthenticatedUser): Promise<CohortSession[]> {
    await this.get(cohortId, viewer);
    const staff = hasRole(viewer, 'programme-lead') || hasRole(viewer, 'facilitator');
    return (await this.views.find({ cohortId })).map((row) => toCohortSession(row, staff));
  }
}

function plan(template: JourneyTemplateEntity, startDate: string): PlannedSession[] {
  return generateSchedule({ stages: template.stages }, startDate);
}

function toPlannedBody(session: PlannedSession) {
  return {
    stageKey: session.stageKey,
    kind: session.kind,
    mode: session.mode,
    sequence: session.sequence,
    title: session.title,
    startsAt: session.startsAtIso,
    endsAt: session.endsAtIso,
  };
}
