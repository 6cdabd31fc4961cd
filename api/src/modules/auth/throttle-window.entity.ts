import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const THROTTLE_SCOPES = [
  'login-account',
  'login-address',
  'login-device',
  'reset-email',
  'reset-address',
  'register-email',
  'register-address',
  'bad-token',
  'second-factor',
] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

/**
 * One fixed window of a throttle: how many times a key was counted since the window opened, and when it ends.
 * Kept in PostgreSQL so every API instance counts together and a restart forgets nothing. The key (a client
 * address, an email or a device) is personal data, so only its SHA-256 is stored. Expired windows are deleted hourly.
 */
@Entity('throttle_window')
@Check(
  'CHK_throttle_window_scope',
  `"scope" IN ('login-account', 'login-address', 'login-device', 'reset-email', 'reset-address', 'register-email', 'register-address', 'bad-token', 'second-factor')`,
)
export class ThrottleWindowEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  scope: ThrottleScope;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'int' })
  count: number;

  @Column({ name: 'reset_at', type: 'timestamptz' })
  @Index('IDX_throttle_window_reset_at')
  resetAt: Date;

  /** For growing delays (sign-in per account): the next attempt is not taken before this time. */
  @Column({ name: 'next_at', type: 'timestamptz', nullable: true })
  nextAt: Date | null;
}
