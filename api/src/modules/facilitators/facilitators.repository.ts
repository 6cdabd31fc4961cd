import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HOME_REGION_ODS_CODE } from '@upstand/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { UserRoleEntity } from '../users/user-role.entity';
import { FacilitatorUnavailabilityEntity } from './facilitator-unavailability.entity';
import { FacilitatorEntity } from './facilitator.entity';

@Injectable()
export class FacilitatorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(): Promise<FacilitatorEntity[]> {
    return this.dataSource
      .getRepository(FacilitatorEntity)
      .createQueryBuilder('facilitator')
      .innerJoinAndSelect('facilitator.user', 'user')
      .leftJoinAndSelect('user.organisation', 'organisation')
      .leftJoinAndSelect('facilitator.unavailability', 'day')
      .orderBy('user.fullName', 'ASC')
      .addOrderBy('day.date', 'ASC')
      .getMany();
  }

  findByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<FacilitatorEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(FacilitatorEntity, {
      where: { id: In(ids) },
      relations: { user: { organisation: true }, unavailability: true },
    });
  }

  findByUserId(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FacilitatorEntity | null> {
    return manager.findOne(FacilitatorEntity, { where: { userId } });
  }

  save(facilitator: Partial<FacilitatorEntity>, manager: EntityManager): Promise<FacilitatorEntity> {
    return manager.save(FacilitatorEntity, manager.create(FacilitatorEntity, facilitator));
  }

  async replaceUnavailability(facilitatorId: string, dates: string[], manager: EntityManager): Promise<void> {
    await manager.delete(FacilitatorUnavailabilityEntity, { facilitatorId });
    if (dates.length > 0)
      await manager.insert(
        FacilitatorUnavailabilityEntity,
        dates.map((date) => ({ facilitatorId, date })),
      );
  }

  /**
   * Gives the user the facilitator role with the scope of the lead who adds them (issue 10): regional for a
   * regional lead (`systemIds` null), else one grant per system the lead's grants reach. Grants they hold stay.
   */
  async grantFacilitatorRole(
    userId: string,
    systemIds: string[] | null,
    manager: EntityManager,
  ): Promise<void> {
    if (systemIds === null) {
      await manager.query(
        `INSERT INTO user_role (user_id, role, scope_kind, region_id)
         SELECT $1, 'facilitator', 'region', id FROM region WHERE ods_code = $2
         ON CONFLICT (user_id, role) WHERE organisation_id IS NULL DO NOTHING`,
        [userId, HOME_REGION_ODS_CODE],
      );
      return;
    }
    await manager.query(
      `INSERT INTO user_role (user_id, role, scope_kind, organisation_id)
       SELECT $1, 'facilitator', 'system', system_id FROM unnest($2::uuid[]) AS s(system_id)
       ON CONFLICT (user_id, role, organisation_id) WHERE organisation_id IS NOT NULL DO NOTHING`,
      [userId, systemIds],
    );
  }

  /**
   * What each user's facilitator grants reach: `regional` for a regional grant, else the systems (ICB ids) of
   * their system grants. A user without a facilitator grant gets neither.
   */
  async facilitatorScopes(
    userIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, { regional: boolean; systemIds: string[] }>> {
    const scopes = new Map<string, { regional: boolean; systemIds: string[] }>();
    if (userIds.length === 0) return scopes;
    const rows = (await manager.query(
      `SELECT user_id AS "userId", scope_kind AS "scopeKind", organisation_id AS "organisationId"
       FROM user_role WHERE role = 'facilitator' AND user_id = ANY($1::uuid[])`,
      [userIds],
    )) as { userId: string; scopeKind: string | null; organisationId: string | null }[];
    for (const row of rows) {
      const scope = scopes.get(row.userId) ?? { regional: false, systemIds: [] };
      if (row.scopeKind === 'region') scope.regional = true;
      else if (row.scopeKind === 'system' && row.organisationId) scope.systemIds.push(row.organisationId);
      scopes.set(row.userId, scope);
    }
    return scopes;
  }

  /**
   * People who completed a cohort that included train-the-trainer sessions and are not in the pool yet, employed
   * in one of `systemIds` (their employing organisation's system; null means every system, and people without
   * an employer too).
   */
  async candidates(systemIds: string[] | null): Promise<
    {
      userId: string;
      fullName: string;
      email: string;
      organisationName: string | null;
      completedAt: Date;
      cohortName: string;
    }[]
  > {
    return (await this.dataSource.query(
      `SELECT DISTINCT ON (u.id) u.id AS "userId", u.full_name AS "fullName", u.email, o.name AS "organisationName", e.completed_at AS "completedAt", c.name AS "cohortName"
       FROM enrolment e
       JOIN cohort c ON c.id = e.cohort_id
       JOIN app_user u ON u.id = e.delegate_user_id
       LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE e.status = 'completed'
         AND EXISTS (SELECT 1 FROM session s WHERE s.cohort_id = c.id AND s.kind = 'train-the-trainer')
         AND NOT EXISTS (SELECT 1 FROM facilitator f WHERE f.user_id = u.id)
         AND ($1::uuid[] IS NULL OR COALESCE(o.system_id, o.id) = ANY($1::uuid[]))
       ORDER BY u.id, e.completed_at DESC`,
      [systemIds],
    )) as {
      userId: string;
      fullName: string;
      email: string;
      organisationName: string | null;
      completedAt: Date;
      cohortName: string;
    }[];
  }

  hasRole(userId: string, manager: EntityManager): Promise<boolean> {
    return manager.exists(UserRoleEntity, { where: { userId, role: 'facilitator' } });
  }
}
