import { Injectable, Logger } from '@nestjs/common';
import { SECRET_TOKEN_PATTERN } from '../../common/secret-tokens';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  ApprovalQuery,
  ApprovalRequestView,
  ApprovalState,
  BulkApprovalOutcome,
  Paged,
  PeopleProgressQuery,
  TeamMemberProgress,
} from '@upstand/contracts';
import { toIsoWithOffset } from '@upstand/schedule';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, NotFoundError } from '../../common/domain-errors';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { AuditService } from '../audit/audit.service';
import { SessionViewsRepository } from '../cohorts/session-views.repository';
import { EnrolmentsService } from '../enrolments/enrolments.service';
import { MailService } from '../mail/mail.service';
import { ApprovalLinksService, hashApprovalToken } from './approval-links.service';
import { ApprovalDetailsRow, ApprovalsRepository } from './approvals.repository';
import { BackgroundWork } from '../../common/background-work';

const REMIND_AFTER_DAYS = 3;
const TOKEN_PATTERN = SECRET_TOKEN_PATTERN;

@Injectable()
export class ApprovalsService {
  private readonly logger = new Logger(ApprovalsService.name);

  constructor(
    private readonly background: BackgroundWork,
    private readonly repository: ApprovalsRepository,
    private readonly enrolments: EnrolmentsService,
    private readonly sessions: SessionViewsRepository,
    private readonly links: ApprovalLinksService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  async viewByToken(token: string): Promise<ApprovalRequestView> {
    return this.toView(await this.byToken(token));
  }

  /** Approve or decline through the emailed link: works once, and not after it expires. */
  async decideByToken(token: string, approved: boolean): Promise<ApprovalRequestView> {
    const details = await this.byToken(token);
    await this.decide(details.id, approved, null);
    return this.toView((await this.repository.details({ id: details.id })) as ApprovalDetailsRow);
  }

  /** A page of the places waiting for this manager's approval, oldest first. */
  async forManager(query: ApprovalQuery, manager: AuthenticatedUser): Promise<Paged<ApprovalRequestView>> {
    const window = pageWindow(query);
    const { rows, total } = await this.repository.forManager(
      manager.email,
      window.q ? likePattern(window.q) : null,
      window.take,
      window.skip,
    );
    return paged(await Promise.all(rows.map((row) => this.toView(row))), total, window);
  }

  async decideAsManager(
    id: string,
    approved: boolean,
    manager: AuthenticatedUser,
  ): Promise<ApprovalRequestView> {
    const details = await this.repository.details({ id });
    if (!details || details.managerEmail !== manager.email) throw new NotFoundError('Approval request', id);
    await this.decide(id, approved, manager.id);
    return this.toView((await this.repository.details({ id })) as ApprovalDetailsRow);
  }

  /**
   * Approves several places at once, each exactly as if approved on its own (in its own transaction, with the
   * same checks), so one that was already decided or has expired does not stop the rest. A request that is not
   * this manager's reads as missing. Each approval is audited with the manager as its actor.
   */
  async approveMany(ids: string[], manager: AuthenticatedUser): Promise<BulkApprovalOutcome[]> {
    const outcomes: BulkApprovalOutcome[] = [];
    for (const id of [...new Set(ids)]) {
      const details = await this.repository.details({ id });
      if (!details || details.managerEmail !== manager.email) {
        outcomes.push({
          id,
          delegateName: null,
          cohortName: null,
          state: null,
          approved: false,
          problem: 'This request could not be found',
        });
        continue;
      }
      let problem: string | null = null;
      try {
        await this.decide(id, true, manager.id, true);
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
        problem = error.message;
      }
      const after = (await this.repository.details({ id })) ?? details;
      outcomes.push({
        id,
        delegateName: after.delegateName,
        cohortName: after.cohortName,
        state: stateOf(after),
        approved: problem === null,
        problem,
      });
    }
    return outcomes;
  }

  /** A page of the enrolments of people who name this line manager, by name. */
  async team(query: PeopleProgressQuery, manager: AuthenticatedUser): Promise<Paged<TeamMemberProgress>> {
    const window = pageWindow(query);
    const { rows, total } = await this.repository.teamProgress(
      manager.email,
      { pattern: window.q ? likePattern(window.q) : null, status: query.status ?? null },
      window.take,
      window.skip,
    );
    return paged(rows, total, window);
  }

  /**
   * A reminder to managers who have not answered after 3 days (a fresh link, minted when it is sent; the first
   * one then stops working).
   */
  @Cron(CronExpression.EVERY_HOUR, { name: 'approval-reminders' })
  async sendReminders(now: Date = new Date()): Promise<number> {
    return this.background.job('approval-reminders', async () => {
      let sent = 0;
      for (const request of await this.repository.dueForReminder(
        new Date(now.getTime() - REMIND_AFTER_DAYS * 24 * 3_600_000),
      )) {
        sent += await this.repository.transaction(async (manager) => {
          if (!(await this.repository.markReminded(request.id, manager))) return 0;
          const details = await this.repository.details({ id: request.id }, manager);
          if (!details) return 0;
          await this.mail.enqueue(
            [
              this.links.requestMessage(
                request.id,
                details.managerName,
                details.delegateName,
                details.cohortName,
                details.programmeName,
                request.managerEmail,
                true,
              ),
            ],
            manager,
          );
          return 1;
        });
      }
      if (sent > 0) this.logger.log(`Sent ${sent} approval reminders`);
      return sent;
    });
  }

  private async decide(id: string, approved: boolean, userId: string | null, bulk = false): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const request = await this.repository.lock(id, manager);
      if (!request) throw new NotFoundError('Approval request', id);
      if (request.decision)
        throw new ConflictError(`This request was already ${request.decision}; the link works only once`);
      if (request.expiresAt <= new Date())
        throw new ConflictError(
          'This approval link has expired. Ask the delegate to sign up again, or sign in to Upstand to see current requests.',
        );
      await this.enrolments.decideApproval(request.enrolmentId, approved, manager);
      await this.repository.decide(id, approved ? 'approved' : 'declined', userId, manager);
      if (bulk)
        await this.audit.record(
          {
            actorUserId: userId,
            action: approved ? 'approval.approved' : 'approval.declined',
            entityType: 'approval-request',
            entityId: id,
            details: { bulk: true },
          },
          manager,
        );
    });
  }

  private async byToken(token: string): Promise<ApprovalDetailsRow> {
    const details = TOKEN_PATTERN.test(token)
      ? await this.repository.details({ tokenHash: hashApprovalToken(token) })
      : null;
    if (!details) throw new NotFoundError('Approval link', 'given');
    return details;
  }

  private async toView(row: ApprovalDetailsRow): Promise<ApprovalRequestView> {
    const state = stateOf(row);
    const sessions = (await this.sessions.find({ cohortId: row.cohortId })).filter(
      (session) => session.status === 'scheduled' && session.setId === null,
    );
    return {
      id: row.id,
      state,
      delegateName: row.delegateName,
      delegateJobTitle: row.delegateJobTitle,
      organisationName: row.organisationName,
      cohortName: row.cohortName,
      programmeName: row.programmeName,
      expiresAt: new Date(row.expiresAt).toISOString(),
      sessions: sessions.map((session) => ({
        title: session.title,
        startsAt: toIsoWithOffset(session.startsAt),
        endsAt: toIsoWithOffset(session.endsAt),
        mode: session.mode,
      })),
    };
  }
}

function stateOf(row: Pick<ApprovalDetailsRow, 'decision' | 'expiresAt'>): ApprovalState {
  return row.decision ?? (new Date(row.expiresAt) <= new Date() ? 'expired' : 'pending');
}
