import { Injectable } from '@nestjs/common';
import {
  ACTIVE_ENROLMENT_STATUSES,
  ENROLMENT_IMPORT_OPTIONAL_COLUMNS,
  ENROLMENT_IMPORT_REQUIRED_COLUMNS,
  ENROLMENT_IMPORT_STATUSES,
  ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS,
  EnrolmentImportReport,
  EnrolmentImportStatus,
} from '@upstand/contracts';
import { randomBytes } from 'crypto';
import { coversSystem } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { programmeVisibleTo } from '../programmes/programmes.service';
import { AuditService } from '../audit/audit.service';
import { PasswordResetService } from '../auth/password-reset.service';
import { formatLondonDayTime } from '../cohorts/staffing.service';
import { columnPositions, ImportErrors } from './import-errors';
import { batches, forEachPaced, ImportProgress } from './import-progress';
import { isEmailAddress } from './import-values';
import { ExistingUser, ImportCohort, ImportsRepository } from './imports.repository';
import { readTable, TableRow, TableSource } from './table-reader';

interface EnrolmentRow {
  row: number;
  email: string;
  fullName: string;
  odsCode: string;
  cohortName: string;
  status: string;
  attended: string;
}

interface PlannedEnrolment {
  row: number;
  email: string;
  cohort: ImportCohort;
  status: EnrolmentImportStatus;
  attended: number;
  existingId: string | null;
  newUser: { fullName: string; organisationId: string | null } | null;
  userId: string | null;
}

const MAX_NAME = 200;

/**
 * A password hash that no password matches (argon2 cannot read it), so imported delegates cannot sign in
 * until they set a password through the invitation emailed to them. Random so that no two accounts share one.
 */
const unusablePasswordHash = () => `!imported:${randomBytes(24).toString('base64url')}`;

/**
 * Why a status cannot be true yet, or null: one that says how the journey ended
 * (ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS) needs the cohort's last session to be over. Taken early, a
 * "completed" gave a certificate ending before its first day.
 */
function statusContradictsDates(
  status: EnrolmentImportStatus,
  cohort: ImportCohort,
  now: Date,
): string | null {
  if (!ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS.includes(status)) return null;
  if (!cohort.lastEndsAt)
    return `${cohort.name} has no scheduled sessions, so no one can be "${status}": use confirmed or withdrawn`;
  if (cohort.lastEndsAt <= now) return null;
  return `${cohort.name} has not finished (its last session ends on ${formatLondonDayTime(cohort.lastEndsAt)}), so no one can be "${status}" yet: use confirmed or withdrawn until then`;
}

/**
 * Why attended_sessions cannot be true yet, or null: it marks the cohort's first sessions present, and a register
 * can be taken only once a session has started (as AttendanceService allows), so no more than have started.
 */
function attendanceContradictsDates(attended: number, cohort: ImportCohort, now: Date): string | null {
  const started = cohort.sessionStarts.filter((startsAt) => startsAt <= now).length;
  if (attended <= started) return null;
  if (started === 0)
    return `No session of ${cohort.name} has started yet, so no one can have attended ${attended}`;
  return `Only ${started} of the ${cohort.sessionIds.length} sessions of ${cohort.name} ${started === 1 ? 'has' : 'have'} started so far, fewer than ${attended}`;
}

/**
 * Imports delegates' enrolment and attendance history: missing delegates get an account, each row an enrolment
 * on the named cohort with its status, and attended_sessions marks the cohort's first sessions present.
 * All rows are checked first; only a file without errors is written, in one transaction, together with an
 * invitation email (outbox) to each new account to set its password.
 */
@Injectable()
export class EnrolmentImportService {
  constructor(
    private readonly repository: ImportsRepository,
    private readonly audit: AuditService,
    private readonly passwordLinks: PasswordResetService,
  ) {}

  async import(
    programmeId: string,
    source: TableSource,
    dryRun: boolean,
    actor: AuthenticatedUser,
    progress: ImportProgress = new ImportProgress(),
  ): Promise<EnrolmentImportReport> {
    const actorUserId = actor.id;
    await this.requireProgramme(programmeId, actor);
    await progress.phase('reading', null);
    const rows = await this.read(source, progress);
    if (rows.length === 0) throw InvalidInputError.field('file', 'The file has a header row but no data');
    const errors = new ImportErrors();
    await progress.phase('checking', rows.length);
    const plans = await this.plan(programmeId, rows, errors, progress, actor);

    const report: EnrolmentImportReport = {
      dryRun,
      rowsRead: rows.length,
      rowsAccepted: rows.length - errors.rejectedRows.size,
      rowsRejected: errors.rejectedRows.size,
      responsesCreated: 0,
      responsesReplaced: 0,
      usersCreated: plans.filter((plan) => plan.newUser).length,
      enrolmentsCreated: plans.filter((plan) => !plan.existingId).length,
      enrolmentsUpdated: plans.filter((plan) => plan.existingId).length,
      attendanceRecorded: plans.reduce((sum, plan) => sum + plan.attended, 0),
      invitationsSent: plans.filter((plan) => plan.newUser).length,
      ...errors.report(),
    };
    if (dryRun || errors.any) return report;
    await progress.phase('saving', plans.length);
    await this.apply(programmeId, plans, actorUserId, report);
    await progress.advance(plans.length);
    return report;
  }

  /**
   * 404 for a missing programme and for another system's (as for a missing one). The controller asks before
   * starting a job, so the refusal is the upload's answer, not a failed job's.
   */
  async requireProgramme(programmeId: string, actor: AuthenticatedUser): Promise<void> {
    const programme = await this.repository.programme(programmeId);
    if (!programme || !programmeVisibleTo(actor, programme))
      throw new NotFoundError('Programme', programmeId);
  }

  private async read(source: TableSource, progress: ImportProgress): Promise<EnrolmentRow[]> {
    const table = readTable(source);
    const header = await table.next();
    const at = columnPositions(
      header.done ? undefined : header.value,
      ENROLMENT_IMPORT_REQUIRED_COLUMNS,
      ENROLMENT_IMPORT_OPTIONAL_COLUMNS,
    );
    const cell = (cells: string[], index: number) => (index >= 0 ? (cells[index] ?? '') : '');
    const rows: EnrolmentRow[] = [];
    for await (const { row, cells } of table as AsyncIterable<TableRow>) {
      rows.push({
        row,
        email: cell(cells, at.email).toLowerCase(),
        fullName: cell(cells, at.full_name),
        odsCode: cell(cells, at.organisation_ods).toUpperCase(),
        cohortName: cell(cells, at.cohort_name),
        status: cell(cells, at.status).toLowerCase(),
        attended: cell(cells, at.attended_sessions),
      });
      await progress.pace(rows.length);
    }
    return rows;
  }

  /** Checks every row against the file and the database and works out what each one will do. */
  private async plan(
    programmeId: string,
    rows: EnrolmentRow[],
    errors: ImportErrors,
    progress: ImportProgress,
    actor: AuthenticatedUser,
  ): Promise<PlannedEnrolment[]> {
    const emails = [...new Set(rows.map((row) => row.email).filter(isEmailAddress))];
    const [allCohorts, organisations, users] = await Promise.all([
      this.repository.cohorts(programmeId),
      this.repository.organisationIds([...new Set(rows.map((row) => row.odsCode).filter(Boolean))]),
      this.repository.usersWithEnrolments(programmeId, emails),
    ]);
    // Cohorts of systems the lead's grant does not reach do not exist for this import: a row naming one is
    // refused on cohort_name exactly like a row naming no cohort (and their names never appear in messages).
    const cohorts = allCohorts.filter((cohort) => coversSystem(actor, ['programme-lead'], cohort.systemId));
    const cohortsByName = new Map<string, ImportCohort[]>();
    for (const cohort of cohorts) {
      const key = cohort.name.trim().toLowerCase();
      cohortsByName.set(key, [...(cohortsByName.get(key) ?? []), cohort]);
    }
    const cohortNames = new Map(cohorts.map((cohort) => [cohort.id, cohort.name]));
    const usersByEmail = new Map<string, ExistingUser>(users.map((user) => [user.email, user]));
    const firstRow = new Map<string, number>();
    const plans: PlannedEnrolment[] = [];
    const now = new Date();

    await forEachPaced(rows, progress, (row) => {
      const fail = (field: string, message: string) => errors.add(row.row, field, message);
      if (!row.email) fail('email', 'The email address is empty');
      else if (!isEmailAddress(row.email)) fail('email', `"${row.email}" is not an email address`);
      else if (firstRow.has(row.email))
        fail('email', `${row.email} is also on row ${firstRow.get(row.email)}: one row per delegate`);
      else firstRow.set(row.email, row.row);

      const user = usersByEmail.get(row.email);
      if (row.fullName.length > MAX_NAME)
        fail('full_name', `full_name is longer than ${MAX_NAME} characters`);
      if (!user && !row.fullName && isEmailAddress(row.email))
        fail('full_name', `Give the full name: ${row.email} has no account yet and one will be created`);
      const organisationId = row.odsCode ? (organisations.get(row.odsCode) ?? null) : null;
      if (row.odsCode && !organisationId)
        fail('organisation_ods', `${row.odsCode} is not a known organisation`);

      const matches = row.cohortName ? (cohortsByName.get(row.cohortName.trim().toLowerCase()) ?? []) : [];
      if (!row.cohortName) fail('cohort_name', 'The cohort name is empty');
      else if (matches.length === 0)
        fail('cohort_name', `This programme has no cohort called "${row.cohortName}"`);
      else if (matches.length > 1)
        fail('cohort_name', `This programme has ${matches.length} cohorts called "${row.cohortName}"`);
      const cohort = matches.length === 1 ? matches[0] : undefined;

      const status = row.status as EnrolmentImportStatus;
      if (!ENROLMENT_IMPORT_STATUSES.includes(status))
        fail('status', `"${row.status}" is not a status: use ${ENROLMENT_IMPORT_STATUSES.join(', ')}`);
      else if (cohort) {
        const problem = statusContradictsDates(status, cohort, now);
        if (problem) fail('status', problem);
      }

      let attended = 0;
      if (row.attended !== '') {
        attended = /^\d+$/.test(row.attended) ? Number(row.attended) : -1;
        if (attended < 0) fail('attended_sessions', 'attended_sessions must be a whole number of sessions');
        else if (cohort && attended > cohort.sessionIds.length)
          fail(
            'attended_sessions',
            `${cohort.name} has ${cohort.sessionIds.length} sessions for the whole cohort, fewer than ${attended}`,
          );
        else if (cohort) {
          const problem = attendanceContradictsDates(attended, cohort, now);
          if (problem) fail('attended_sessions', problem);
        }
      }

      let existingId: string | null = null;
      if (user && cohort) {
        const here = user.enrolments.filter((enrolment) => enrolment.cohortId === cohort.id);
        const current =
          here.find((enrolment) => ACTIVE_ENROLMENT_STATUSES.includes(enrolment.status)) ?? here[0];
        existingId = current?.id ?? null;
        const elsewhere = user.enrolments.find(
          (enrolment) => enrolment.id !== existingId && ACTIVE_ENROLMENT_STATUSES.includes(enrolment.status),
        );
        if (elsewhere && ACTIVE_ENROLMENT_STATUSES.includes(status))
          fail(
            'cohort_name',
            `${row.email} already has a place on ${cohortNames.get(elsewhere.cohortId) ?? 'another cohort'} (${elsewhere.status}); withdraw it first or import this one as withdrawn or did-not-complete`,
          );
      }
      if (errors.rejectedRows.has(row.row) || !cohort) return;
      plans.push({
        row: row.row,
        email: row.email,
        cohort,
        status,
        attended: Math.max(attended, 0),
        existingId,
        newUser: user ? null : { fullName: row.fullName.trim(), organisationId },
        userId: user?.id ?? null,
      });
    });
    return plans;
  }

  private async apply(
    programmeId: string,
    plans: PlannedEnrolment[],
    actorUserId: string,
    report: EnrolmentImportReport,
  ): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const created = await this.repository.insertDelegates(
        plans.flatMap((plan) =>
          plan.newUser ? [{ email: plan.email, ...plan.newUser, passwordHash: unusablePasswordHash() }] : [],
        ),
        manager,
      );
      for (const plan of plans) plan.userId ??= created.get(plan.email) ?? null;
      report.invitationsSent = await this.passwordLinks.invite(
        plans.flatMap((plan) =>
          plan.newUser && plan.userId
            ? [{ userId: plan.userId, email: plan.email, fullName: plan.newUser.fullName }]
            : [],
        ),
        manager,
      );
      const userIds = plans.map((plan) => plan.userId as string);
      await this.repository.grantDelegateRole(userIds, manager);
      const enrolmentIds = await this.repository.saveEnrolments(
        programmeId,
        plans.map((plan) => ({
          existingId: plan.existingId,
          cohortId: plan.cohort.id,
          userId: plan.userId as string,
          status: plan.status,
        })),
        manager,
      );
      await this.repository.markPresent(
        plans.flatMap((plan, index) =>
          plan.cohort.sessionIds
            .slice(0, plan.attended)
            .map((sessionId) => ({ sessionId, enrolmentId: enrolmentIds[index] as string })),
        ),
        actorUserId,
        manager,
      );
      for (const batch of batches([...created.values()], 2_000))
        await this.audit.recordMany(
          batch.map((userId) => ({
            actorUserId,
            action: 'user.imported',
            entityType: 'user',
            entityId: userId,
            details: { fields: ['email', 'fullName', 'organisationId'], source: 'enrolment-import' },
          })),
          manager,
        );
      await this.audit.record(
        {
          actorUserId,
          action: 'enrolments.imported',
          entityType: 'programme',
          entityId: programmeId,
          details: {
            rows: report.rowsRead,
            usersCreated: report.usersCreated,
            enrolmentsCreated: report.enrolmentsCreated,
            enrolmentsUpdated: report.enrolmentsUpdated,
            attendanceRecorded: report.attendanceRecorded,
            invitationsSent: report.invitationsSent,
            fields: ['status', 'attendance'],
          },
        },
        manager,
      );
    });
  }
}
