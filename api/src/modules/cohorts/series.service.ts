import { Injectable } from '@nestjs/common';
import { Series } from '@upstand/contracts';
import {
  addDays,
  expandRRule,
  expandSeries,
  RecurrenceRuleError,
  seriesWarnings,
  wallTimeToMinutes,
} from '@upstand/schedule';
import { randomUUID } from 'crypto';
import { InvalidInputError } from '../../common/domain-errors';
import { reachesSystem, visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { AuditService } from '../audit/audit.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { ProgrammesService } from '../programmes/programmes.service';
import { CreateSeriesDto } from './dto/series.dto';
import { SeriesEntity } from './series.entity';
import { SeriesRepository } from './series.repository';

/** Open-ended rules are expanded this far ahead; COUNT or UNTIL can end them sooner. */
const HORIZON_DAYS = 366;
const MAX_OCCURRENCES = 200;

const toSeries = (series: SeriesEntity, sessionCount: number): Series => ({
  id: series.id,
  kind: series.kind,
  title: series.title,
  mode: series.mode,
  rrule: series.rrule,
  exceptions: series.exceptions,
  systemOdsCode: series.system?.odsCode ?? null,
  sessionCount,
});

@Injectable()
export class SeriesService {
  constructor(
    private readonly repository: SeriesRepository,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The series the viewer's grants reach, and those for the whole region (everyone's catch-ups). */
  async list(viewer: AuthenticatedUser): Promise<Series[]> {
    return (await this.repository.list(visibleSystemIds(viewer, ['programme-lead', 'facilitator']))).map(
      ({ series, sessionCount }) => toSeries(series, sessionCount),
    );
  }

  /** A recurring series ("first Wednesday of each month, 12:30–13:30") with its sessions for the next year. */
  async create(request: CreateSeriesDto, actor: AuthenticatedUser): Promise<Series> {
    const actorUserId = actor.id;
    await this.programmes.requireVisible(request.programmeId, actor);
    if (wallTimeToMinutes(request.endTime) <= wallTimeToMinutes(request.startTime))
      throw InvalidInputError.field('endTime', 'endTime must be after startTime');
    let systemId: string | null = null;
    if (request.systemOdsCode) {
      const [system] = await this.organisations.findByOdsCodes([request.systemOdsCode]);
      if (!system || system.type !== 'icb')
        throw InvalidInputError.field(
          'systemOdsCode',
          `systemOdsCode ${request.systemOdsCode} is not an integrated care board`,
        );
      systemId = system.id;
    }
    // A 400 naming the field, as for cohorts: which ICBs exist is public, so this leaks nothing.
    if (!reachesSystem(actor, ['programme-lead'], systemId, 'change'))
      throw InvalidInputError.field(
        'systemOdsCode',
        request.systemOdsCode
          ? `systemOdsCode ${request.systemOdsCode.toUpperCase()} is outside your grant: you can create series only for your own system`
          : 'systemOdsCode is required: a series for the whole region needs a regional grant',
      );
    const onBankHoliday = request.onBankHoliday ?? 'skip';
    let slots;
    let ruleDates;
    try {
      ruleDates = expandRRule(request.startDate, request.rrule, {
        from: request.startDate,
        to: addDays(request.startDate, HORIZON_DAYS),
        exdates: request.exceptions ?? [],
      });
      slots = expandSeries(
        {
          dtstart: request.startDate,
          rrule: request.rrule,
          startTime: request.startTime,
          endTime: request.endTime,
          exdates: request.exceptions ?? [],
          holidays: onBankHoliday === 'keep' ? undefined : onBankHoliday,
        },
        request.startDate,
        addDays(request.startDate, HORIZON_DAYS),
      );
    } catch (error) {
      if (error instanceof RecurrenceRuleError)
        throw InvalidInputError.field('rrule', `rrule ${error.message}`);
      throw error;
    }
    if (slots.length === 0)
      throw InvalidInputError.field('rrule', 'The rule gives no sessions in the next year');
    if (slots.length > MAX_OCCURRENCES)
      throw InvalidInputError.field(
        'rrule',
        `The rule gives ${slots.length} sessions in a year; the most is ${MAX_OCCURRENCES}`,
      );
    const saved = await this.repository.transaction(async (manager) => {
      const series = await this.repository.insert(
        {
          programmeId: request.programmeId,
          kind: request.kind,
          title: request.title,
          mode: request.mode,
          systemId,
          startDate: request.startDate,
          startTime: request.startTime,
          endTime: request.endTime,
          rrule: request.rrule.toUpperCase(),
          exceptions: request.exceptions ?? [],
          createdByUserId: actorUserId,
        },
        slots.map((slot, index) => ({
          stageKey: 'series',
          kind: request.kind,
          mode: request.mode,
          sequence: index + 1,
          title: request.title,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          status: 'scheduled' as const,
          calendarUid: `${randomUUID()}@upstand`,
          calendarSequence: 0,
          venueId: null,
          joinUrl: request.mode === 'virtual' ? request.joinUrl || null : null,
        })),
        manager,
      );
      await this.audit.record(
        {
          actorUserId,
          action: 'series.created',
          entityType: 'series',
          entityId: series.id,
          details: { sessions: slots.length },
        },
        manager,
      );
      return series;
    });
    return {
      ...toSeries(saved, slots.length),
      systemOdsCode: request.systemOdsCode ?? null,
      // Said once, when the lead can still act on it: a Good Friday start moved to a Tuesday is easy to miss.
      warnings: seriesWarnings(ruleDates, onBankHoliday),
    };
  }
}
