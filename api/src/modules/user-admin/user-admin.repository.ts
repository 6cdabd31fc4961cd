import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnrolmentStatus, Role, ScopeKind } from '@upstand/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { RegionEntity } from '../organisations/region.entity';
import { UserRoleEntity } from '../users/user-role.entity';
import { UserEntity } from '../users/user.entity';

/** A user as the administration pages list them, before their grants are attached. */
export interface UserRow {
  id: string;
  email: string;
  fullName: string;
  organisationName: string | null;
  disabledAt: Date | null;
  /** Whether the password hash is one no password matches (an invitation not yet accepted). */
  passwordUnusable: boolean;
  lastSignInAt: Date | null;
  /** Whether a confirmed second factor exists (an enrolment never confirmed does not count). */
  secondFactor: boolean;
}

/** A person a lead may add to a cohort, with their current place on its programme. */
export interface PersonRow {
  id: string;
  fullName: string;
  email: string;
  organisationName: string | null;
  activeCohortName: string | null;
  activeStatus: EnrolmentStatus | null;
}

export interface AuditRow {
  id: string;
  occurredAt: Date;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: unknown;
}

export interface AuditFilter {
  actorId: string | null;
  /** An ILIKE pattern (already escaped) matched against the actor's name and email. */
  actorPattern: string | null;
  action: string | null;
  from: string | null;
  to: string | null;
}

/** An organisation a grant may name, with what the grant rule needs to know about it. */
export interface ScopeOrganisation {
  id: string;
  odsCode: string;
  isIcb: boolean;
  systemOdsCode: string;
}

export interface GrantRow {
  role: Role;
  scopeKind: ScopeKind | null;
  organisationId: string | null;
  regionId: string | null;
}

/**
 * Who is "in" a set of systems ($1, ICB ids; null for everyone): employed by an organisation in one of them, or
 * holding a grant scoped to one of them or to an organisation in one. `u` is the app_user row.
 */
const IN_SYSTEMS = `($1::uuid[] IS NULL
  OR EXISTS (SELECT 1 FROM organisation employer
             WHERE employer.id = u.organisation_id AND (employer.id = ANY($1) OR employer.system_id = ANY($1)))
  OR EXISTS (SELECT 1 FROM user_role grant_row JOIN organisation granted ON granted.id = grant_row.organisation_id
             WHERE grant_row.user_id = u.id AND (granted.id = ANY($1) OR granted.system_id = ANY($1))))`;

const USER_COLUMNS = `u.id, u.email, u.full_name AS "fullName", employer.name AS "organisationName",
  u.disabled_at AS "disabledAt", u.password_hash LIKE '!%' AS "passwordUnusable",
  sign_in.last_sign_in_at AS "lastSignInAt",
  EXISTS (SELECT 1 FROM user_second_factor factor WHERE factor.user_id = u.id AND factor.enabled_at IS NOT NULL)
    AS "secondFactor"`;

const USER_FROM = `app_user u
  LEFT JOIN organisation employer ON employer.id = u.organisation_id
  LEFT JOIN user_sign_in sign_in ON sign_in.user_id = u.id`;

@Injectable()
export class UserAdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One page of the users in the systems (null: everyone) whose name or email matches, by name; and how many. */
  async page(
    systemIds: string[] | null,
    pattern: string | null,
    limit: number,
    offset: number,
  ): Promise<{ rows: UserRow[]; total: number }> {
    const where = `${IN_SYSTEMS} AND ($2::text IS NULL OR u.full_name ILIKE $2 OR u.email ILIKE $2)`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<UserRow[]>(
        `SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE ${where}
         ORDER BY lower(u.full_name), u.id LIMIT $3 OFFSET $4`,
        [systemIds, pattern, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM app_user u WHERE ${where}`,
        [systemIds, pattern],
      ),
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  /**
   * People a lead may put on a cohort: active accounts in the systems (null: everyone), or already enrolled on a
   * cohort of them, whose name or email matches; with their current place on the programme, if any.
   */
  async people(
    systemIds: string[] | null,
    pattern: string,
    programmeId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: PersonRow[]; total: number }> {
    const where = `u.disabled_at IS NULL AND (u.full_name ILIKE $2 OR u.email ILIKE $2)
      AND (${IN_SYSTEMS} OR EXISTS (SELECT 1 FROM enrolment placed JOIN cohort pc ON pc.id = placed.cohort_id
                                   WHERE placed.delegate_user_id = u.id AND pc.system_id = ANY($1)))`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<PersonRow[]>(
        `SELECT u.id, u.full_name AS "fullName", u.email, employer.name AS "organisationName",
                active.cohort_name AS "activeCohortName", active.status AS "activeStatus"
         FROM app_user u LEFT JOIN organisation employer ON employer.id = u.organisation_id
         LEFT JOIN LATERAL (
           SELECT c.name AS cohort_name, e.status FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
           WHERE e.delegate_user_id = u.id AND e.programme_id = $3
             AND e.status IN ('pending-approval', 'confirmed', 'waitlisted', 'offered', 'completed')
           LIMIT 1) active ON true
         WHERE ${where}
         ORDER BY lower(u.full_name), u.id LIMIT $4 OFFSET $5`,
        [systemIds, pattern, programmeId, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM app_user u WHERE ${where}`,
        [systemIds, pattern],
      ),
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  /** The user if they are in the systems (null: everyone), else null: out of scope reads as missing. */
  async findVisible(
    id: string,
    systemIds: string[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserRow | null> {
    const [row] = await manager.query<UserRow[]>(
      `SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = $2 AND ${IN_SYSTEMS}`,
      [systemIds, id],
    );
    return row ?? null;
  }

  findIdByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { email }, select: { id: true } });
  }

  /** The users with their grants (and the grants' organisations and regions), as toCurrentUser reads them. */
  withGrants(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(UserEntity).find({
      where: { id: In(ids) },
      relations: { roles: { organisation: true, region: true } },
    });
  }

  region(odsCode: string): Promise<RegionEntity | null> {
    return this.dataSource.getRepository(RegionEntity).findOne({ where: { odsCode } });
  }

  /** The organisations with these ODS codes, with their system's ODS code (an ICB is its own system). */
  async organisations(odsCodes: string[]): Promise<ScopeOrganisation[]> {
    if (odsCodes.length === 0) return [];
    return this.dataSource.query<ScopeOrganisation[]>(
      `SELECT o.id, o.ods_code AS "odsCode", o.type = 'icb' AS "isIcb",
              COALESCE(icb.ods_code, o.ods_code) AS "systemOdsCode"
       FROM organisation o LEFT JOIN organisation icb ON icb.id = o.system_id
       WHERE o.ods_code = ANY($1)`,
      [odsCodes],
    );
  }

  /** The systems (ICB ODS codes) of these organisations, keyed by organisation id, for existing grants. */
  async systemOdsCodes(organisationIds: string[]): Promise<Map<string, ScopeOrganisation>> {
    if (organisationIds.length === 0) return new Map();
    const rows = await this.dataSource.query<ScopeOrganisation[]>(
      `SELECT o.id, o.ods_code AS "odsCode", o.type = 'icb' AS "isIcb",
              COALESCE(icb.ods_code, o.ods_code) AS "systemOdsCode"
       FROM organisation o LEFT JOIN organisation icb ON icb.id = o.system_id
       WHERE o.id = ANY($1::uuid[])`,
      [organisationIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async createInvited(
    user: { email: string; fullName: string; passwordHash: string },
    manager: EntityManager,
  ): Promise<string> {
    const saved = await manager.save(
      UserEntity,
      manager.create(UserEntity, { ...user, organisationId: null, disabledAt: null }),
    );
    return saved.id;
  }

  async addGrants(userId: string, grants: GrantRow[], manager: EntityManager): Promise<void> {
    if (grants.length === 0) return;
    await manager.insert(
      UserRoleEntity,
      grants.map((grant) => ({ userId, ...grant })),
    );
  }

  /** Gives the delegate role (unscoped) if the user lacks it, so someone a lead puts on a cohort sees their journey. */
  async ensureDelegateRole(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO user_role (user_id, role) VALUES ($1, 'delegate')
       ON CONFLICT (user_id, role) WHERE organisation_id IS NULL DO NOTHING`,
      [userId],
    );
  }

  async removeGrants(grantIds: string[], manager: EntityManager): Promise<void> {
    if (grantIds.length === 0) return;
    await manager.delete(UserRoleEntity, { id: In(grantIds) });
  }

  /**
   * Disables the account and deletes every session of it in the same transaction, so the user's very next
   * request is refused. Returns how many sessions ended.
   */
  async deactivate(userId: string, manager: EntityManager): Promise<number> {
    await manager.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL`, [
      userId,
    ]);
    const [, ended] = await manager.query<[unknown, number]>(`DELETE FROM user_session WHERE user_id = $1`, [
      userId,
    ]);
    return ended;
  }

  async reactivate(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE app_user SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL`, [
      userId,
    ]);
  }

  /**
   * One page of the audit log within the systems (null: all of it), newest first, and how many there are.
   * A system lead sees events whose actor is in their system (IN_SYSTEMS), or whose subject is: a user in it, or a
   * cohort, session or enrolment of a cohort of the system. Worked out when read, in one query, rather than stored
   * on each event: events are recorded from dozens of places that do not know the system, membership is what the
   * lead can see today (as the user list), and an index on the actor and the existing one on the entity keep it
   * quick.
   */
  async auditPage(
    systemIds: string[] | null,
    filter: AuditFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const where = `($1::uuid[] IS NULL
        OR event.actor_user_id IN (SELECT u.id FROM app_user u WHERE ${IN_SYSTEMS})
        OR (event.entity_type = 'user' AND event.entity_id IN (SELECT u.id::text FROM app_user u WHERE ${IN_SYSTEMS}))
        OR (event.entity_type = 'cohort'
            AND event.entity_id IN (SELECT c.id::text FROM cohort c WHERE c.system_id = ANY($1)))
        OR (event.entity_type = 'session' AND event.entity_id IN (
              SELECT s.id::text FROM session s JOIN cohort c ON c.id = s.cohort_id WHERE c.system_id = ANY($1)))
        OR (event.entity_type = 'enrolment' AND event.entity_id IN (
              SELECT e.id::text FROM enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE c.system_id = ANY($1))))
      AND ($2::uuid IS NULL OR event.actor_user_id = $2)
      AND ($3::text IS NULL OR actor.full_name ILIKE $3 OR actor.email ILIKE $3)
      AND ($4::text IS NULL OR event.action = $4)
      AND ($5::date IS NULL OR event.occurred_at >= $5::date::timestamp AT TIME ZONE 'Europe/London')
      AND ($6::date IS NULL OR event.occurred_at < ($6::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;
    const params = [systemIds, filter.actorId, filter.actorPattern, filter.action, filter.from, filter.to];
    const from = `audit_event event LEFT JOIN app_user actor ON actor.id = event.actor_user_id`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<AuditRow[]>(
        `SELECT event.id::text AS id, event.occurred_at AS "occurredAt", actor.full_name AS "actorName",
                event.action, event.entity_type AS "entityType", event.entity_id AS "entityId",
                event.details -> 'fields' AS fields
         FROM ${from} WHERE ${where} ORDER BY event.id DESC LIMIT $7 OFFSET $8`,
        [...params, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM ${from} WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total: count?.total ?? 0 };
  }
}
