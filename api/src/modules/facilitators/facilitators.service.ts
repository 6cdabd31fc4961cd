import { Injectable } from '@nestjs/common';
import { Facilitator, FacilitatorCandidate, Role } from '@upstand/contracts';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { UsersRepository } from '../users/users.repository';
import { CreateFacilitatorDto, UpdateFacilitatorDto } from './dto/facilitator.dto';
import { toFacilitator } from './facilitator.mapper';
import { FacilitatorsRepository } from './facilitators.repository';

/** The roles that see the pool (leads manage it; facilitators see their colleagues). */
const POOL_READERS: readonly Role[] = ['programme-lead', 'facilitator'];

type FacilitatorScope = { regional: boolean; systemIds: string[] };

/**
 * A facilitator is in a viewer's scope when the viewer's grants reach a system the facilitator's grants do, or
 * when the facilitator is regional: regional facilitators may staff any system's sessions, so every lead needs to
 * see them. Changing a regional facilitator stays with regional leads (see `update`).
 */
function inScope(scope: FacilitatorScope | undefined, systems: string[] | null): boolean {
  if (systems === null) return true;
  if (!scope) return false;
  return scope.regional || scope.systemIds.some((systemId) => systems.includes(systemId));
}

@Injectable()
export class FacilitatorsService {
  constructor(
    private readonly repository: FacilitatorsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  /** The pool as far as the viewer's grants reach: regional facilitators and those of the viewer's systems. */
  async list(viewer: AuthenticatedUser): Promise<Facilitator[]> {
    const all = await this.repository.list();
    const systems = visibleSystemIds(viewer, POOL_READERS);
    if (systems === null) return all.map(toFacilitator);
    const scopes = await this.repository.facilitatorScopes(all.map((facilitator) => facilitator.userId));
    return all.filter((facilitator) => inScope(scopes.get(facilitator.userId), systems)).map(toFacilitator);
  }

  async get(id: string): Promise<Facilitator> {
    const [facilitator] = await this.repository.findByIds([id]);
    if (!facilitator) throw new NotFoundError('Facilitator', id);
    return toFacilitator(facilitator);
  }

  /** People ready to join the pool, employed in the systems the lead's grants reach. */
  async candidates(viewer: AuthenticatedUser): Promise<FacilitatorCandidate[]> {
    return (await this.repository.candidates(visibleSystemIds(viewer, ['programme-lead'])))
      .map((row) => ({ ...row, completedAt: new Date(row.completedAt).toISOString() }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName));
  }

  /**
   * Adds an existing account to the pool and gives it the facilitator role with the adding lead's scope: a system
   * lead's facilitator is for their system, a regional lead's is regional.
   */
  async create(request: CreateFacilitatorDto, actor: AuthenticatedUser): Promise<Facilitator> {
    const actorUserId = actor.id;
    const systems = visibleSystemIds(actor, ['programme-lead']);
    const user = await this.users.findByEmail(request.email);
    if (!user)
      throw InvalidInputError.field(
        'email',
        `There is no account with the email ${request.email}; ask them to register first`,
      );
    const id = await this.repository.transaction(async (manager) => {
      if (await this.repository.findByUserId(user.id, manager))
        // Not named: the person may be another system's facilitator, whom this lead does not see.
        throw new ConflictError(`${request.email} is already in the facilitator pool`, 'email');
      const facilitator = await this.repository.save(
        { userId: user.id, level: request.level, sessionKinds: request.sessionKinds, active: true },
        manager,
      );
      await this.repository.grantFacilitatorRole(user.id, systems, manager);
      await this.audit.record(
        {
          actorUserId,
          action: 'facilitator.added',
          entityType: 'user',
          entityId: user.id,
          details: { level: request.level, scope: systems === null ? 'region' : 'system' },
        },
        manager,
      );
      return facilitator.id;
    });
    return this.get(id);
  }

  /**
   * 404 for a facilitator outside the lead's scope (as for a missing one); a regional facilitator, whom every lead
   * sees, is changed by a regional lead only (403).
   */
  async update(id: string, request: UpdateFacilitatorDto, actor: AuthenticatedUser): Promise<Facilitator> {
    const actorUserId = actor.id;
    // Who may change them is settled first (a grant's scope does not change under a pool edit).
    await this.assertMayChange(id, actor);
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

  private async assertMayChange(id: string, actor: AuthenticatedUser): Promise<void> {
    const [facilitator] = await this.repository.findByIds([id]);
    if (!facilitator) throw new NotFoundError('Facilitator', id);
    const systems = visibleSystemIds(actor, ['programme-lead']);
    if (systems === null) return;
    const scope = (await this.repository.facilitatorScopes([facilitator.userId])).get(facilitator.userId);
    if (!inScope(scope, systems)) throw new NotFoundError('Facilitator', id);
    if (scope?.regional)
      throw new ForbiddenError(
        'This facilitator works across the region: only a regional lead can change their details',
      );
  }
}
