import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { OidcFlowEntity } from './oidc-flow.entity';
import { UserIdentityEntity } from './user-identity.entity';

/** Flows in progress and linked provider accounts. */
@Injectable()
export class SsoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createFlow(flow: Omit<OidcFlowEntity, 'createdAt'>): Promise<void> {
    await this.dataSource.getRepository(OidcFlowEntity).insert(flow);
  }

  /** Uses a live flow up (one callback per flow), or null when unknown, expired or used. */
  async consumeFlow(bindingHash: string): Promise<OidcFlowEntity | null> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM oidc_flow WHERE binding_hash = $1 RETURNING mode, link_user_id AS "linkUserId",
         return_path AS "returnPath", expires_at AS "expiresAt"`,
      [bindingHash],
    )) as [Omit<OidcFlowEntity, 'bindingHash' | 'createdAt'>[], number];
    const flow = rows[0];
    if (!flow || new Date(flow.expiresAt) <= new Date()) return null;
    return { ...flow, bindingHash, createdAt: new Date() };
  }

  async deleteExpiredFlows(): Promise<number> {
    const [, deleted] = (await this.dataSource.query(`DELETE FROM oidc_flow WHERE expires_at <= now()`)) as [
      unknown,
      number,
    ];
    return deleted;
  }

  findIdentity(issuer: string, subject: string): Promise<UserIdentityEntity | null> {
    return this.dataSource
      .getRepository(UserIdentityEntity)
      .findOne({ where: { issuer, subject }, relations: { user: true } });
  }

  identitiesOf(userId: string): Promise<UserIdentityEntity[]> {
    return this.dataSource
      .getRepository(UserIdentityEntity)
      .find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  async link(
    userId: string,
    issuer: string,
    subject: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(UserIdentityEntity, { userId, issuer, subject, lastUsedAt: new Date() });
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.getRepository(UserIdentityEntity).update({ id }, { lastUsedAt: new Date() });
  }

  findUserByEmail(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { email } });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
