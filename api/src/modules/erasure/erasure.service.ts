import { Inject, Injectable } from '@nestjs/common';
import { ErasureRequestSummary, ErasureResult, MyErasureRequest } from '@upstand/contracts';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, NotFoundError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { ErasureRepository } from './erasure.repository';

export const ERASURE_REQUEST_SUBJECT = 'Someone has asked for their data to be erased';

/** Whether a lead's programme-lead grants reach any of a person's systems (a regional grant reaches everyone). */
function inScope(lead: AuthenticatedUser, systemIds: string[]): boolean {
  const visible = visibleSystemIds(lead, ['programme-lead']);
  return visible === null || systemIds.some((id) => visible.includes(id));
}

/** Erasure (UK GDPR Article 17): a person asks, a programme lead whose scope covers them carries it out. */
@Injectable()
export class ErasureService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ErasureRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async myRequest(userId: string): Promise<MyErasureRequest> {
    const open = await this.repository.openRequest(userId);
    return { request: open ? { id: open.id, requestedAt: open.requestedAt.toISOString() } : null };
  }

  /**
   * Records the request (asking twice keeps the first), audits it and tells the leads in the person's scope. The
   * email names nobody: it would otherwise be one more copy of the person's name to erase.
   */
  async request(user: AuthenticatedUser): Promise<MyErasureRequest> {
    return this.repository.transaction(async (manager) => {
      const request = await this.repository.createRequest(manager, user.id);
      if (request.created) {
        await this.audit.record(
          {
            actorUserId: user.id,
            action: 'user.erasure-requested',
            entityType: 'user',
            entityId: user.id,
            details: { requestId: request.id },
          },
          manager,
        );
        const leads = await this.repository.leadAddresses(
          manager,
          await this.repository.personSystems(manager, user.id),
        );
        await this.mail.enqueue(
          leads.map((address) => ({
            toAddress: address,
            subject: ERASURE_REQUEST_SUBJECT,
            textBody: [
              'Someone whose records you look after in Upstand has asked for their personal data to be erased.',
              '',
              `See the request and carry it out: ${this.config.publicBaseUrl}/admin/erasure-requests`,
              '',
              'Please act on it without undue delay, and within one month of the request (UK GDPR Article 12).',
            ].join('\n'),
            dedupeKey: `erasure-request:${request.id}:${address}`,
          })),
          manager,
        );
      }
      return { request: { id: request.id, requestedAt: new Date(request.requestedAt).toISOString() } };
    });
  }

  /** Open requests from people in the lead's scope. */
  async openRequests(lead: AuthenticatedUser): Promise<ErasureRequestSummary[]> {
    const rows = await this.repository.openRequests();
    return rows
      .filter((row) => inScope(lead, row.systemIds))
      .map(({ systemIds: _systems, requestedAt, ...row }) => ({
        ...row,
        requestedAt: requestedAt.toISOString(),
      }));
  }

  /**
   * Anonymises the person in one transaction. Out of the lead's scope answers 404 as a missing id would;
   * erasing someone already erased answers 200 with `alreadyErased` (two leads pressing at once included: the
   * second waits for the first's row lock, then finds it done).
   */
  async erase(userId: string, lead: AuthenticatedUser): Promise<ErasureResult> {
    if (userId === lead.id)
      throw new ConflictError('You cannot erase your own account: ask another lead', 'id');
    return this.repository.transaction(async (manager) => {
      const person = await this.repository.lockPerson(manager, userId);
      if (!person || !inScope(lead, person.systemIds)) throw new NotFoundError('User', userId);
      if (person.erasedAt)
        return { userId, erasedAt: new Date(person.erasedAt).toISOString(), alreadyErased: true };
      // A staff account may reach every system; only a regional lead may erase it (nobody acts beyond their grant).
      if (person.isStaff && visibleSystemIds(lead, ['programme-lead']) !== null)
        throw new ConflictError(
          'Only a regional programme lead can erase someone who holds a staff role',
          'id',
        );
      const erasedAt = await this.repository.anonymise(manager, person, 'request', lead.id);
      await this.audit.record(
        {
          actorUserId: lead.id,
          action: 'user.erased',
          entityType: 'user',
          entityId: userId,
          details: { reason: 'request' },
        },
        manager,
      );
      return { userId, erasedAt: new Date(erasedAt).toISOString(), alreadyErased: false };
    });
  }
}
