import { Injectable } from '@nestjs/common';
import { Facilitator, FacilitatorCandidate } from '@upstand/contracts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { UsersRepository } from '../users/users.repository';
import { CreateFacilitatorDto, UpdateFacilitatorDto } from './dto/facilitator.dto';
import { toFacilitator } from './facilitator.mapper';
import { FacilitatorsRepository } from './facilitators.repository';

@Injectable()
export class FacilitatorsService {
  constructor(
    private readonly repository: FacilitatorsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Facilitator[]> {
    return (await this.repository.list()).map(toFacilitator);
  }

  async get(id: string): Promise<Facilitator> {
    const [facilitator] = await this.repository.findByIds([id]);
    if (!facilitator) throw new NotFoundError('Facilitator', id);
    return toFacilitator(facilitator);
  }

  async candidates(): Promise<FacilitatorCandidate[]> {
    return (await this.repository.candidates())
      .map((row) => ({ ...row, completedAt: new Date(row.completedAt).toISOString() }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName));
  }

  /** Adds an existing account to the pool and gives it the facilitator role. */
  async create(request: CreateFacilitatorDto, actorUserId: string): Promise<Facilitator> {
    const user = await this.users.findByEmail(request.email);
    if (!user)
      throw InvalidInputError.field(
        'email',
        `There is no account with the email ${request.email}; ask them to register first`,
      );
    const id = await this.repository.transaction(async (manager) => {
      if (await this.repository.findByUserId(user.id, manager))
        throw new ConflictError(`${user.fullName} is already in the facilitator pool`, 'email');
      const facilitator = await this.repository.save(
        { userId: user.id, level: request.level, sessionKinds: request.sessionKinds, active: true },
        manager,
      );
      await this.repository.grantFacilitatorRole(user.id, manager);
      await this.audit.record(
        {
          actorUserId,
          action: 'facilitator.added',
          entityType: 'user',
          entityId: user.id,
          details: { level: request.level },
        },
        manager,
      );
      return facilitator.id;
    });
    return this.get(id);
  }

  async update(id: string, request: UpdateFacilitatorDto, actorUserId: string): Promise<Facilitator> {
    await this.repository.transaction(async (manager) => {
      const [existing] = await this.repository.findByIds([id], manager);
      if (!existing) throw new NotFoundError('Facilitator', id);
      await this.repository.save(
        {
          id,
          userId: existing.userId,
          level: request.level ?? existing.level,
          sessionKinds: request.sessionKinds ?? existing.sessionKinds,
          active: request.active ?? existing.active,
        },
        manager,
      );
      if (request.unavailableDates)
        await this.repository.replaceUnavailability(id, request.unavailableDates, manager);
      const fields = Object.keys(request).filter(
        (key) => request[key as keyof UpdateFacilitatorDto] !== undefined,
      );
      await this.audit.record(
        {
          actorUserId,
          action: 'facilitator.updated',
          entityType: 'user',
          entityId: existing.userId,
          details: { fields },
        },
        manager,
      );
    });
    return this.get(id);
  }
}
