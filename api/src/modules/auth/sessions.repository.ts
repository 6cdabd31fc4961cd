import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { SignInMethod, UserSessionEntity } from './user-session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Starts a session and records the sign-in (user_sign_in: see there why not on app_user) in one statement.
   * The method (password, second factor or single sign-on) decides what the session may do before a second
   * factor is set up.
   */
  async create(
    tokenHash: string,
    userId: string,
    expiresAt: Date,
    method: SignInMethod = 'password',
  ): Promise<void> {
    await this.dataSource.query(
      `WITH started AS (
         INSERT INTO user_session (token_hash, user_id, expires_at, method) VALUES ($1, $2, $3, $4)
         RETURNING user_id, created_at
       )
       INSERT INTO user_sign_in (user_id, last_sign_in_at) SELECT user_id, created_at FROM started
       ON CONFLICT (user_id) DO UPDATE SET last_sign_in_at = EXCLUDED.last_sign_in_at`,
      [tokenHash, userId, expiresAt, method],
    );
  }

  /** The live session for this token with its user and roles, or null when expired, unknown or the user is disabled. */
  findActive(tokenHash: string): Promise<UserSessionEntity | null> {
    return this.dataSource
      .getRepository(UserSessionEntity)
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .leftJoinAndSelect('user.roles', 'grant')
      .leftJoinAndSelect('grant.organisation', 'grantOrganisation')
      .leftJoinAndSelect('grant.region', 'grantRegion')
      .where('session.tokenHash = :tokenHash', { tokenHash })
      .andWhere('session.expiresAt > now()')
      .andWhere('user.disabledAt IS NULL')
      .getOne();
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.getRepository(UserSessionEntity).delete({ id });
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(UserSessionEntity)
      .delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
