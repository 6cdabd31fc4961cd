import { Injectable } from '@nestjs/common';
import { MyDataExport } from '@upstand/contracts';
import { NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { DataExportRepository } from './data-export.repository';
import { DelegatesService } from './delegates.service';
import { DelegatesRepository } from './delegates.repository';

/** Subject access (UK GDPR Article 15): everything held about one person, for that person only. */
@Injectable()
export class DataExportService {
  constructor(
    private readonly repository: DataExportRepository,
    private readonly delegates: DelegatesRepository,
    private readonly delegatesService: DelegatesService,
    private readonly audit: AuditService,
  ) {}

  async exportFor(userId: string): Promise<MyDataExport> {
    const account = await this.repository.account(userId);
    if (!account) throw new NotFoundError('User', userId);
    const [profile, equalityHeld, enrolments, attendance, answers, emails, events] = await Promise.all([
      this.delegates.findProfile(userId),
      this.delegates.findEquality(userId),
      this.repository.enrolments(userId),
      this.repository.attendance(userId),
      this.repository.answers(userId),
      this.repository.emails(account.email),
      this.repository.auditEvents(userId),
    ]);
    const responses = new Map<string, MyDataExport['questionnaireResponses'][number]>();
    for (const row of answers) {
      let response = responses.get(row.responseId);
      if (!response) {
        response = { cohort: row.cohort, stage: row.stage, submittedAt: iso(row.submittedAt), answers: [] };
        responses.set(row.responseId, response);
      }
      if (row.itemCode !== null) {
        const value = row.valueNumber !== null ? Number(row.valueNumber) : row.valueText;
        response.answers.push({ itemCode: row.itemCode, value });
      }
    }
    const data: MyDataExport = {
      exportedAt: new Date().toISOString(),
      account: { ...account, roles: [...account.roles].sort(), createdAt: iso(account.createdAt) },
      delegateProfile: profile ? await this.delegatesService.profile(userId) : null,
      // The delegate-only read path: the same answers GET /api/me/equality gives the person.
      equalityMonitoring: equalityHeld ? await this.delegatesService.equality(userId) : null,
      enrolments: enrolments.map((row) => ({
        ...row,
        createdAt: iso(row.createdAt),
        statusChangedAt: iso(row.statusChangedAt),
      })),
      attendance: attendance.map((row) => ({
        ...row,
        startsAt: iso(row.startsAt),
        recordedAt: iso(row.recordedAt),
      })),
      questionnaireResponses: [...responses.values()],
      emails: emails.map((row) => ({
        subject: row.subject,
        status: row.status,
        createdAt: iso(row.createdAt),
        sentAt: row.sentAt ? iso(row.sentAt) : null,
      })),
      auditEvents: events.map((row) => ({
        action: row.action,
        occurredAt: iso(row.occurredAt),
        fields: fieldNames(row.details),
      })),
    };
    // A download of person-level data is itself recorded (by whom and when, not what).
    await this.audit.record({
      actorUserId: userId,
      action: 'user.data-exported',
      entityType: 'user',
      entityId: userId,
    });
    return data;
  }
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

/** Only the names of changed fields: audit details never hold values, and other keys are left out to be sure. */
function fieldNames(details: Record<string, unknown> | null): string[] {
  const fields = details?.['fields'];
  return Array.isArray(fields) ? fields.filter((field): field is string => typeof field === 'string') : [];
}
