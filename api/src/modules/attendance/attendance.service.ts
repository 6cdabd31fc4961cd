import { Inject, Injectable } from '@nestjs/common';
import {
  CheckInResult,
  CommunityMember,
  CommunityMemberQuery,
  CommunitySettings,
  Paged,
  REGISTER_PLACE_LABELS,
  SessionRegister,
} from '@upstand/contracts';
import { toIsoWithOffset } from '@upstand/schedule';
import { randomInt } from 'crypto';
import { QueryFailedError } from 'typeorm';
import { EntityManager } from 'typeorm';
import QRCode from 'qrcode';
import { AuthenticatedUser, hasRole } from '../../common/auth/authenticated-user';
import { coversSystem, reachesSystem, visibleSystemIds } from '../../common/auth/access-scope';
import { ConflictError, GoneError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { ExportColumn, exportRow, ExportTable } from '../../common/export-formats';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { formatLondonDay, formatLondonDayTime } from '../cohorts/staffing.service';
import { MailService } from '../mail/mail.service';
import { AttendanceRepository, SessionRow } from './attendance.repository';
import { renderCertificate } from './certificate';
import { meetsCompletionRule } from './completion';
import { RecordAttendanceDto } from './dto/attendance.dto';

const CHECK_IN_OPENS_MINUTES = 15;

const REGISTER_COLUMNS = [
  { name: 'full_name', format: 'text' },
  { name: 'organisation', format: 'text' },
  { name: 'place', format: 'text' },
  { name: 'expected', format: 'text' },
  { name: 'attendance', format: 'text' },
  { name: 'recorded_by', format: 'text' },
] as const satisfies readonly ExportColumn[];
/** No 0/O or 1/I/L: codes are read off a screen and typed on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A register is for a session under way or over: marks for one that has not started would be guesses (and could
 * complete someone's journey early). 409 naming the session and when it starts.
 */
function assertStarted(session: SessionRow, now: Date): void {
  if (now < session.startsAt)
    throw new ConflictError(
      `${session.title} has not started yet: attendance can be recorded from ${formatLondonDayTime(session.startsAt)}`,
      'id',
    );
}

/**
 * The day a certificate's journey began: its cohort's first session. A completion recorded before then (as an
 * enrolment import once allowed) would print a journey ending before it began, so it is refused (409, saying
 * why) until the dates agree.
 */
function journeyStart(cohortName: string, firstDay: Date | null, completedAt: Date): Date {
  const notReady = 'The certificate is not ready: ';
  if (!firstDay)
    throw new ConflictError(
      `${notReady}${cohortName} has no scheduled sessions, so there is no journey to certify`,
    );
  if (firstDay > completedAt)
    throw new ConflictError(
      firstDay > new Date()
        ? `${notReady}${cohortName} has not started (its first session is on ${formatLondonDay(firstDay)}), so the journey has not finished`
        : `${notReady}it records the journey as completed on ${formatLondonDay(completedAt)}, before ${cohortName} began on ${formatLondonDay(firstDay)}; a programme lead must correct its status`,
    );
  return firstDay;
}

@Injectable()
export class AttendanceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AttendanceRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async register(sessionId: string, actor: AuthenticatedUser): Promise<SessionRegister> {
    const session = await this.accessibleSession(sessionId, actor);
    const code = session.checkInCode ?? (await this.issueCode(sessionId));
    const entries = await this.repository.registerRows(sessionId);
    return {
      sessionId,
      title: session.title,
      cohortName: session.cohortName,
      startsAt: toIsoWithOffset(session.startsAt),
      endsAt: toIsoWithOffset(session.endsAt),
      venue: session.venue,
      checkIn: {
        code,
        url: this.checkInUrl(code),
        opensAt: toIsoWithOffset(new Date(session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000)),
        closesAt: toIsoWithOffset(session.endsAt),
      },
      entries: entries.map(
        ({ enrolmentId, fullName, organisationName, status, method, place, markable }) => ({
          enrolmentId,
          fullName,
          organisationName,
          status,
          method,
          place,
          markable,
        }),
      ),
    };
  }

  /**
   * The register as a table for a spreadsheet: one row per person listed, with their place, whether they could be
   * marked and the mark recorded. Times are London's, as on the page.
   */
  async registerTable(
    sessionId: string,
    actor: AuthenticatedUser,
  ): Promise<{ table: ExportTable; filename: string }> {
    const register = await this.register(sessionId, actor);
    const day = register.startsAt.slice(0, 10);
    const when = `${formatLondonDayTime(new Date(register.startsAt))} to ${formatLondonDayTime(new Date(register.endsAt))}`;
    const table: ExportTable = {
      title: 'Register',
      columns: REGISTER_COLUMNS,
      rows: register.entries.map((entry) =>
        exportRow(REGISTER_COLUMNS, {
          full_name: entry.fullName,
          organisation: entry.organisationName,
          place: REGISTER_PLACE_LABELS[entry.place],
          expected: entry.markable ? 'yes' : 'no',
          attendance: entry.status,
          recorded_by: entry.method,
        }),
      ),
      notes: [
        `${register.title}${register.cohortName ? `, ${register.cohortName}` : ''}`,
        when,
        ...(register.venue ? [register.venue] : []),
        'expected: whether the person held a place when the session started, so their attendance can be recorded.',
        'attendance: present, late, absent or apologies; empty when not yet recorded.',
        'recorded_by: register (marked by staff) or self-check-in (the delegate used the code).',
      ],
    };
    return { table, filename: `register-${day}-${asciiSlug(register.title)}` };
  }

  async checkInQrSvg(sessionId: string, actor: AuthenticatedUser): Promise<string> {
    const { checkIn } = await this.register(sessionId, actor);
    return QRCode.toString(checkIn.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  }

  /**
   * Records register lines; only delegates who held a place when the session started may appear (400 naming the
   * line otherwise), and only once the session has started (delegates' own check-in opens 15 minutes earlier,
   * see checkIn).
   */
  async record(
    sessionId: string,
    request: RecordAttendanceDto,
    actor: AuthenticatedUser,
    now: Date = new Date(),
  ): Promise<SessionRegister> {
    const session = await this.accessibleSession(sessionId, actor);
    if (session.status === 'cancelled')
      throw new ConflictError('This session is cancelled; there is no register to take');
    assertStarted(session, now);
    await this.repository.transaction(async (manager) => {
      const lines = new Map(
        (await this.repository.registerRows(sessionId, manager)).map((row) => [row.enrolmentId, row]),
      );
      const errors = request.entries.flatMap((entry, index) => {
        const line = lines.get(entry.enrolmentId);
        if (line?.markable) return [];
        const field = `entries.${index}.enrolmentId`;
        return [
          {
            field,
            message: line
              ? `${field}: ${line.fullName} did not hold a place when this session started (${REGISTER_PLACE_LABELS[line.place].toLowerCase()}), so their attendance cannot be recorded`
              : `${field} is not a delegate booked on this session`,
          },
        ];
      });
      if (errors.length > 0) throw new InvalidInputError(errors);
      await this.repository.upsert(sessionId, request.entries, 'register', actor.id, manager);
      for (const entry of request.entries) await this.evaluateCompletion(entry.enrolmentId, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'attendance.recorded',
          entityType: 'session',
          entityId: sessionId,
          details: { lines: request.entries.length },
        },
        manager,
      );
    });
    return this.register(sessionId, actor);
  }

  /**
   * Clears one delegate's mark (back to not yet recorded), whoever or whatever set it: a mark made in error.
   * Completion is checked again, as after any register change.
   */
  async clear(sessionId: string, enrolmentId: string, actor: AuthenticatedUser): Promise<SessionRegister> {
    await this.accessibleSession(sessionId, actor);
    await this.repository.transaction(async (manager) => {
      // Any line the register lists: a mark left on someone no longer expected must still be removable.
      if (
        !(await this.repository.registerRows(sessionId, manager)).some(
          (row) => row.enrolmentId === enrolmentId,
        )
      )
        throw new NotFoundError('Register line', enrolmentId);
      if (!(await this.repository.clear(sessionId, enrolmentId, manager))) return;
      await this.evaluateCompletion(enrolmentId, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'attendance.cleared',
          entityType: 'session',
          entityId: sessionId,
          details: { enrolmentId },
        },
        manager,
      );
    });
    return this.register(sessionId, actor);
  }

  async allPresent(sessionId: string, actor: AuthenticatedUser): Promise<SessionRegister> {
    await this.accessibleSession(sessionId, actor);
    const lines = (await this.repository.registerRows(sessionId)).filter((row) => row.markable);
    return this.record(
      sessionId,
      { entries: lines.map((row) => ({ enrolmentId: row.enrolmentId, status: 'present' as const })) },
      actor,
    );
  }

  /** A delegate checks in with the session's code, from 15 minutes before the start until the end. */
  async checkIn(code: string, delegate: AuthenticatedUser, now: Date = new Date()): Promise<CheckInResult> {
    const session = await this.repository.sessionByCode(code.trim().toUpperCase());
    if (!session || session.status === 'cancelled')
      throw InvalidInputError.field(
        'code',
        'That check-in code is not right. Check it with your facilitator.',
      );
    if (
      now.getTime() < session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000 ||
      now > session.endsAt
    ) {
      throw new ConflictError(
        `Check-in for ${session.title} is open from 15 minutes before it starts until it ends`,
      );
    }
    const status =
      now > new Date(session.startsAt.getTime() + 10 * 60_000) ? ('late' as const) : ('present' as const);
    await this.repository.transaction(async (manager) => {
      const mine = (await this.repository.booked(session.id, manager)).find(
        (row) => row.delegateUserId === delegate.id,
      );
      if (!mine) throw new ConflictError(`You are not booked on ${session.title}`);
      await this.repository.upsert(
        session.id,
        [{ enrolmentId: mine.enrolmentId, status }],
        'self-check-in',
        delegate.id,
        manager,
      );
      await this.evaluateCompletion(mine.enrolmentId, manager);
    });
    return { sessionTitle: session.title, status };
  }

  async certificate(
    enrolmentId: string,
    actor: AuthenticatedUser,
  ): Promise<{ filename: string; pdf: Buffer }> {
    const data = await this.repository.certificateData(enrolmentId);
    // The delegate's own, or a lead's whose grant reaches the cohort's system; anyone else's answers as missing.
    if (
      !data ||
      (data.delegateUserId !== actor.id && !coversSystem(actor, ['programme-lead'], data.systemId))
    )
      throw new NotFoundError('Enrolment', enrolmentId);
    // Its name is gone: a certificate for "Erased user" would certify nobody, and one made earlier stays valid.
    if (data.erased)
      throw new GoneError(
        "This certificate can no longer be issued: the delegate's personal data was erased at their request or at the end of its retention period",
      );
    if (data.status !== 'completed' || !data.completedAt)
      throw new ConflictError('The certificate is ready once the journey is complete');
    const firstDay = journeyStart(data.cohortName, data.firstDay, data.completedAt);
    const pdf = await renderCertificate(
      {
        fullName: data.fullName,
        programmeName: data.programmeName,
        cohortName: data.cohortName,
        dates: `${formatLondonDay(firstDay, { weekday: false })} to ${formatLondonDay(data.completedAt, { weekday: false })}`,
        issuedOn: formatLondonDay(data.completedAt, { weekday: false }),
      },
      {
        organisationName: this.config.branding.organisationName,
        logo: this.config.branding.logo?.data ?? null,
      },
    );
    return {
      filename: `active-bystander-certificate-${asciiSlug(data.fullName)}.pdf`,
      pdf,
    };
  }

  async communitySettings(userId: string): Promise<CommunitySettings> {
    const member = await this.repository.community(userId);
    return { member: member !== null, inDirectory: member?.inDirectory ?? false };
  }

  async setDirectoryConsent(userId: string, inDirectory: boolean): Promise<CommunitySettings> {
    if (!(await this.repository.setDirectoryConsent(userId, inDirectory)))
      throw new ConflictError(
        'Only members of the Community of Practice (who have completed the programme) can be listed',
      );
    await this.audit.record({
      actorUserId: userId,
      action: 'community.directory-consent',
      entityType: 'user',
      entityId: userId,
      details: { inDirectory },
    });
    return this.communitySettings(userId);
  }

  /**
   * Members who chose to be listed. Delegates (members themselves) see the whole directory, as before; staff see
   * the members who completed a cohort their grant reaches.
   */
  async directory(query: CommunityMemberQuery, viewer: AuthenticatedUser): Promise<Paged<CommunityMember>> {
    const systemIds = hasRole(viewer, 'delegate')
      ? null
      : visibleSystemIds(viewer, ['programme-lead', 'facilitator']);
    const window = pageWindow(query);
    const { rows, total } = await this.repository.directory(
      systemIds,
      window.q ? likePattern(window.q) : null,
      window.take,
      window.skip,
    );
    const items = rows.map((row) => ({
      fullName: row.fullName,
      organisationName: row.organisationName,
      joinedAt: new Date(row.joinedAt).toISOString(),
    }));
    return paged(items, total, window);
  }

  /**
   * Moves a confirmed enrolment to completed when attendance meets the rule (joining the Community of
   * Practice and queueing the certificate email), and back if a correction means it no longer does.
   */
  private async evaluateCompletion(enrolmentId: string, manager: EntityManager): Promise<void> {
    const context = await this.repository.completionContext(enrolmentId, manager);
    if (!context || (context.status !== 'confirmed' && context.status !== 'completed')) return;
    const met = meetsCompletionRule(context.rule, await this.repository.progress(enrolmentId, manager));
    if (met && context.status === 'confirmed') {
      await this.repository.setEnrolmentStatus(enrolmentId, 'completed', manager);
      await this.repository.joinCommunity(context.delegateUserId, manager);
      await this.audit.record(
        { actorUserId: null, action: 'enrolment.completed', entityType: 'enrolment', entityId: enrolmentId },
        manager,
      );
      const data = await manager.query(
        `SELECT u.email, u.full_name AS "fullName" FROM app_user u WHERE u.id = $1`,
        [context.delegateUserId],
      );
      const [{ email, fullName }] = data as [{ email: string; fullName: string }];
      await this.mail.enqueue(
        [
          {
            toAddress: email,
            subject: 'You are a certified Active Bystander',
            textBody: `Dear ${fullName},\n\nCongratulations: you have completed the Active Bystander Programme. Download your certificate from your journey page: ${this.config.publicBaseUrl}/journey\n\nYou are now part of the Community of Practice, with monthly coffee catch-ups and an annual celebration event.`,
            dedupeKey: `certificate:${enrolmentId}`,
          },
        ],
        manager,
      );
    } else if (!met && context.status === 'completed') {
      await this.repository.setEnrolmentStatus(enrolmentId, 'confirmed', manager);
      await this.audit.record(
        {
          actorUserId: null,
          action: 'enrolment.completion-withdrawn',
          entityType: 'enrolment',
          entityId: enrolmentId,
        },
        manager,
      );
    }
  }

  /**
   * A lead whose grant reaches the session's system, or a facilitator staffing it whose grant reaches it too;
   * anyone else gets the answer for a missing session (no existence leak).
   */
  private async accessibleSession(sessionId: string, actor: AuthenticatedUser): Promise<SessionRow> {
    const session = await this.repository.session(sessionId);
    if (!session) throw new NotFoundError('Session', sessionId);
    if (reachesSystem(actor, ['programme-lead'], session.systemId, 'change')) return session;
    if (
      reachesSystem(actor, ['facilitator'], session.systemId, 'read') &&
      (await this.repository.isAssignedFacilitator(sessionId, actor.id))
    )
      return session;
    throw new NotFoundError('Session', sessionId);
  }

  private async issueCode(sessionId: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      try {
        return await this.repository.ensureCheckInCode(sessionId, code);
      } catch (error) {
        if (!(error instanceof QueryFailedError)) throw error; // a clash with another session's code: try another
      }
    }
    throw new Error('Could not find a free check-in code');
  }

  private checkInUrl(code: string): string {
    return `${this.config.publicBaseUrl}/check-in?code=${code}`;
  }
}

/** Letters that have no decomposition to a base letter plus accents. */
const ASCII_LETTERS: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/** "Łukasz Nguyễn-Şahin" → "lukasz-nguyen-sahin": file names stay ASCII for every browser and file system. */
export function asciiSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łđøßæœı]/g, (letter) => ASCII_LETTERS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
