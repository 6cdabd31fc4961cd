import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordTokenPurpose } from './password-reset-token.entity';

export interface NewPasswordToken {
  tokenHash: string;
  userId: string;
  purpose: PasswordTokenPurpose;
  expiresAt: Date;
}

export interface ConsumedPasswordToken {
  userId: string;
  purpose: PasswordTokenPurpose;
}

/** Password links (password_reset_token) and the account changes that completing one makes. */
@Injectable()
export class PasswordResetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a link of an enabled account; false (and nothing stored) when it is disabled or gone. */
  async createForEnabledUser(token: NewPasswordToken, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO password_reset_token (token_hash, user_id, purpose, expires_at)
       SELECT $1, id, $3, $4 FROM app_user WHERE id = $2 AND disabled_at IS NULL
       RETURNING id`,
      [token.tokenHash, token.userId, token.purpose, token.expiresAt.toISOString()],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Marks the token used if it is unused, unexpired and its account enabled, in one statement: of two parallel
   * completions the second waits for the first's locks, then finds used_at set and changes nothing.
   * Returns its user and purpose, or null when the link no longer works.
   */
  async consume(tokenHash: string, manager: EntityManager): Promise<ConsumedPasswordToken | null> {
    // The account first: two different links of one account used at once then queue here instead of each
    // holding its own link while waiting for the other's (setPassword voids every link of the account).
    await manager.query(
      `SELECT 1 FROM app_user WHERE id = (SELECT user_id FROM password_reset_token WHERE token_hash = $1) FOR UPDATE`,
      [tokenHash],
    );
    // For an UPDATE, TypeORM's query() answers [rows, affected count].
    const [rows] = (await manager.query(
      `UPDATE password_reset_token AS token SET used_at = now()
       FROM app_user AS account
       WHERE token.token_hash = $1 AND token.used_at IS NULL AND token.expires_at > now()
         AND account.id = token.user_id AND account.disabled_at IS NULL
       RETURNING token.user_id AS "userId", token.purpose`,
      [tokenHash],
    )) as [ConsumedPasswordToken[], number];
    return rows[0] ?? null;
  }

  /** Sets the password, voids the user's other unused links and ends all their sessions. */
  async setPassword(userId: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      userId,
      passwordHash,
    ]);
    await manager.query(
      `UPDATE password_reset_token SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    await manager.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
  }

  /** Deletes links that expired or were used before `before`; returns how many. */
  async deleteStale(before: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM password_reset_token WHERE expires_at < $1 OR used_at < $1`,
      [before.toISOString()],
    )) as [unknown[], number];
    return count;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
