import { Injectable } from '@nestjs/common';
import { DelegateProfile, EqualityMonitoring } from '@upstand/contracts';
import { NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { DelegatesRepository } from './delegates.repository';
import { DelegateProfileDto, EqualityMonitoringDto } from './dto/delegate.dto';

const NO_ANSWERS: EqualityMonitoring = { ethnicCategory: null, disability: null, sex: null, ageBand: null };

@Injectable()
export class DelegatesService {
  constructor(
    private readonly repository: DelegatesRepository,
    private readonly audit: AuditService,
  ) {}

  async profile(userId: string): Promise<DelegateProfile> {
    const profile = await this.repository.findProfile(userId);
    if (!profile) throw new NotFoundError('Delegate profile for user', userId);
    const { jobTitle, staffGroup, payScheme, payBand, lineManagerName, lineManagerEmail } = profile;
    return { jobTitle, staffGroup, payScheme, payBand, lineManagerName, lineManagerEmail };
  }

  async saveProfile(userId: string, request: DelegateProfileDto): Promise<DelegateProfile> {
    const before = await this.repository.findProfile(userId);
    await this.repository.saveProfile({
      userId,
      ...request,
      payBand: request.payScheme === 'agenda-for-change' ? request.payBand : null,
    });
    const fields = before ? AuditService.changedFields(before, request) : Object.keys(request);
    await this.audit.record({
      actorUserId: userId,
      action: before ? 'profile.updated' : 'profile.created',
      entityType: 'user',
      entityId: userId,
      details: { fields },
    });
    return this.profile(userId);
  }

  /** The delegate's own answers (nobody else's: no route returns these for another person). */
  async equality(userId: string): Promise<EqualityMonitoring> {
    const answers = await this.repository.findEquality(userId);
    if (!answers) return NO_ANSWERS;
    const { ethnicCategory, disability, sex, ageBand } = answers;
    return { ethnicCategory, disability, sex, ageBand };
  }

  async saveEquality(userId: string, request: EqualityMonitoringDto): Promise<EqualityMonitoring> {
    await this.repository.saveEquality({
      userId,
      ethnicCategory: request.ethnicCategory ?? null,
      disability: request.disability ?? null,
      sex: request.sex ?? null,
      ageBand: request.ageBand ?? null,
    });
    // The audit trail says that the answers changed, never what they are.
    await this.audit.record({
      actorUserId: userId,
      action: 'equality.updated',
      entityType: 'user',
      entityId: userId,
    });
    return this.equality(userId);
  }

  /** The right to stop: removes every equality answer the person gave. */
  async deleteEquality(userId: string): Promise<void> {
    await this.repository.deleteEquality(userId);
    await this.audit.record({
      actorUserId: userId,
      action: 'equality.deleted',
      entityType: 'user',
      entityId: userId,
    });
  }
}
