import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PendingLoginEntity } from './pending-login.entity';

/** Sign-ins waiting for their second factor (see PendingLoginEntity). */
@Injectable()
export class PendingLoginsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.dataSource.getRepository(PendingLoginEntity).insert({ tokenHash, userId, expiresAt });
  }

  /** The account a live token belongs to, or null. */
  async findUser(tokenHash: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT user_id AS "userId" FROM pending_login WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    )) as { userId: string }[];
    return rows[0]?.userId ?? null;
  }

  /** Uses the token up; false when another request already did (so one password step yields one session). */
  async consume(tokenHash: string): Promise<boolean> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM pending_login WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    )) as [unknown, number];
    return deleted > 0;
  }

  async deleteExpired(): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM pending_login WHERE expires_at <= now()`,
    )) as [unknown, number];
    return deleted;
  }
}
