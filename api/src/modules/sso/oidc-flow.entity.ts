import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A single sign-on that has gone to the provider and not come back yet. The browser holds a random token in a
 * short-lived HTTP-only cookie; state, nonce and PKCE verifier are derived from it (HMAC), so the database keeps
 * only the token's SHA-256 and nothing here can finish someone's sign-in. Used once; expired rows deleted hourly.
 */
@Entity('oidc_flow')
@Check('CHK_oidc_flow_mode', `"mode" IN ('sign-in', 'link')`)
export class OidcFlowEntity {
  @PrimaryColumn({ name: 'binding_hash', type: 'char', length: 64 })
  bindingHash: string;

  @Column({ type: 'varchar', length: 16 })
  mode: 'sign-in' | 'link';

  /** In link mode: the signed-in user who asked to link (the callback must come back to the same account). */
  @Column({ name: 'link_user_id', type: 'uuid', nullable: true })
  linkUserId: string | null;

  @Column({ name: 'return_path', type: 'varchar', length: 500, nullable: true })
  returnPath: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  @Index('IDX_oidc_flow_expires')
  expiresAt: Date;
}
