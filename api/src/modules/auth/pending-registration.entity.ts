import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';

/**
 * Someone asked for an account. Nothing is created until they prove the email is theirs: the activation email
 * (minted when the outbox sends it; only the token's SHA-256 is stored) leads to a page where they choose their
 * password, and only then does the account exist. Asking again makes another row; activating one uses up them all.
 * No password is ever held here, so someone registering another person's email learns nothing and gains nothing.
 */
@Entity('pending_registration')
export class PendingRegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 320 })
  @Index('IDX_pending_registration_email')
  email: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** Where to go once activated (a path on this site, checked by safeReturnPath). */
  @Column({ name: 'return_path', type: 'varchar', length: 500, nullable: true })
  returnPath: string | null;

  /** SHA-256 of the activation token, set when the email is sent. */
  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  @Index('UQ_pending_registration_token_hash', { unique: true })
  tokenHash: string | null;

  /** Until the email is sent, when an unsent request is forgotten; after, when its link stops working. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  @Index('IDX_pending_registration_expires')
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
