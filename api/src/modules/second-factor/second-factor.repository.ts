import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { SecondFactorEntity } from './second-factor.entity';

/** Second factors and recovery codes; the single-use rules are single UPDATE statements, so races cannot reuse a code. */
@Injectable()
export class SecondFactorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(userId: string): Promise<SecondFactorEntity | null> {
    return this.dataSource.getRepository(SecondFactorEntity).findOne({ where: { userId } });
  }

  async isEnabled(userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM user_second_factor WHERE user_id = $1 AND enabled_at IS NOT NULL`,
      [userId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Starts (or restarts) an enrolment; an enabled second factor is left alone (answers false). */
  async saveEnrolment(userId: string, sealedSecret: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO user_second_factor (user_id, secret) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now(), last_used_step = NULL
         WHERE user_second_factor.enabled_at IS NULL
       RETURNING 1`,
      [userId, sealedSecret],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Turns the enrolment on with the step of the code that confirmed it, and replaces the recovery codes. */
  enable(userId: string, step: number, recoveryCodeHashes: string[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, enabled] = (await manager.query(
        `UPDATE user_second_factor SET enabled_at = now(), last_used_step = $2
         WHERE user_id = $1 AND enabled_at IS NULL`,
        [userId, step],
      )) as [unknown, number];
      if (enabled === 0) return false;
      await manager.delete(RecoveryCodeEntity, { userId });
      await manager.insert(
        RecoveryCodeEntity,
        recoveryCodeHashes.map((codeHash) => ({ userId, codeHash, usedAt: null })),
      );
      return true;
    });
  }

  /** Records that a code of this step was used; false when it (or a later one) was used already: a replay. */
  async consumeStep(userId: string, step: number): Promise<boolean> {
    const [, updated] = (await this.dataSource.query(
      `UPDATE user_second_factor SET last_used_step = $2
       WHERE user_id = $1 AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)`,
      [userId, step],
    )) as [unknown, number];
    return updated > 0;
  }

  /** Uses up a recovery code; false when there is no such unused code. */
  async consumeRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    const [, updated] = (await this.dataSource.query(
      `UPDATE recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [userId, codeHash],
    )) as [unknown, number];
    return updated > 0;
  }

  recoveryCodesLeft(userId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCodeEntity).count({ where: { userId, usedAt: IsNull() } });
  }

  /** Removes the second factor and its recovery codes; answers whether there was one. */
  remove(userId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.delete(RecoveryCodeEntity, { userId });
      const result = await manager.delete(SecondFactorEntity, { userId });
      return (result.affected ?? 0) > 0;
    });
  }

  /** After set-up, the session that proved the code counts as signed in with a second factor. */
  async markSessionSecondFactor(sessionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE user_session SET method = 'second-factor' WHERE id = $1 AND method = 'password'`,
      [sessionId],
    );
  }

  /** The ICB of the user's employer, and the systems (or the region) their own staff grants reach. */
  async scopeOfUser(userId: string): Promise<{
    exists: boolean;
    employingSystemId: string | null;
    grantSystemIds: string[];
    regional: boolean;
  }> {
    const [user] = (await this.dataSource.query(
      `SELECT COALESCE(o.system_id, CASE WHEN o.type = 'icb' THEN o.id END) AS "systemId"
       FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [userId],
    )) as { systemId: string | null }[];
    if (!user) return { exists: false, employingSystemId: null, grantSystemIds: [], regional: false };
    const grants = (await this.dataSource.query(
      `SELECT scope_kind AS "kind", organisation_id AS "organisationId" FROM user_role
       WHERE user_id = $1 AND scope_kind IN ('region', 'system')`,
      [userId],
    )) as { kind: 'region' | 'system'; organisationId: string | null }[];
    return {
      exists: true,
      employingSystemId: user.systemId,
      grantSystemIds: grants.flatMap((grant) =>
        grant.kind === 'system' && grant.organisationId ? [grant.organisationId] : [],
      ),
      regional: grants.some((grant) => grant.kind === 'region'),
    };
  }
}
