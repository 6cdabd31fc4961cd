import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * When each user last signed in (started a session), for leads administering accounts.
 *
 * Why a table of its own, one row per user, rather than a column on app_user or the session rows themselves:
 * - app_user is read by the Impact figures and every write to it advances their change counter, so a sign-in
 *   would throw away the cached aggregates many times an hour;
 * - user_session rows are deleted on sign-out, password change, deactivation and expiry (a deleted session
 *   cannot come back, which is what makes ending it safe); keeping ended rows around for their created_at would
 *   make every session lookup and the hourly clean-up tell live rows from dead ones.
 * The row is written with the session, in the same statement (SessionsRepository.create), so every way of
 * signing in (password, activation, single sign-on) keeps it without remembering to.
 */
@Entity('user_sign_in')
export class UserSignInEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz' })
  lastSignInAt: Date;
}
