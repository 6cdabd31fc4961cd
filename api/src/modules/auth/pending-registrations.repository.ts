import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PendingRegistrationEntity } from './pending-registration.entity';

export type NewPendingRegistration = Pick<
  PendingRegistrationEntity,
  'email' | 'fullName' | 'organisationId' | 'returnPath' | 'expiresAt'
>;

@Injectable()
export class PendingRegistrationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(registration: NewPendingRegistration, manager: EntityManager): Promise<string> {
    const result = await manager.insert(PendingRegistrationEntity, { ...registration, tokenHash: null });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Locks the request for minting its link, if it is still open. */
  lockOpen(id: string, manager: EntityManager): Promise<PendingRegistrationEntity | null> {
    return manager
      .getRepository(PendingRegistrationEntity)
      .createQueryBuilder('registration')
      .setLock('pessimistic_write')
      .where('registration.id = :id AND registration.expiresAt > now()', { id })
      .getOne();
  }

  async setToken(id: string, tokenHash: string, expiresAt: Date, manager: EntityManager): Promise<void> {
    await manager.update(PendingRegistrationEntity, { id }, { tokenHash, expiresAt });
  }

  /** Whether the email already has an account (enabled or not: either way no second one is made). */
  async accountExists(email: string, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM app_user WHERE email = $1`, [email])) as unknown[];
    return rows.length > 0;
  }

  /** The open request behind an activation token, locked, or null when unknown, used or expired. */
  lockByToken(tokenHash: string, manager: EntityManager): Promise<PendingRegistrationEntity | null> {
    return manager
      .getRepository(PendingRegistrationEntity)
      .createQueryBuilder('registration')
      .setLock('pessimistic_write')
      .where('registration.tokenHash = :tokenHash AND registration.expiresAt > now()', { tokenHash })
      .getOne();
  }

  /** Every request for this email: once one is activated (or the account exists) the others must not work. */
  async deleteForEmail(email: string, manager: EntityManager): Promise<void> {
    await manager.delete(PendingRegistrationEntity, { email });
  }

  async deleteExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM pending_registration WHERE expires_at <= now()`,
    )) as [unknown[], number];
    return count;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
