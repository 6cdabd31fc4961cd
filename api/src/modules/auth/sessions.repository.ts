import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { SignInMethod, UserSessionEntity } from './user-session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    tokenHash: string,
    userId: string,
    expiresAt: Date,
    method: SignInMethod = 'password',
  ): Promise<UserSessionEntity> {
    return this.dataSource.getRepository(UserSessionEntity).save({ tokenHash, userId, expiresAt, method });
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
