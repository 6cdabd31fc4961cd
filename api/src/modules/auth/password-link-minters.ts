import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { newSecretToken, sha256Hex } from '../../common/secret-tokens';
import { INVITATION_VALID_DAYS, PASSWORD_RESET_VALID_HOURS } from '@upstand/contracts';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MintedLink, OutboxLinkMinter, OutboxLinkMinters } from '../mail/outbox-links';
import { PasswordTokenPurpose } from './password-reset-token.entity';
import { PasswordResetRepository } from './password-reset.repository';

/** Outbox link purposes (OutboxLink.purpose) of set-password links; the subject is the user id. */
export const PASSWORD_RESET_LINK = 'password-reset';
export const INVITATION_LINK = 'invitation';

const HOUR_MS = 3_600_000;
const VALID_MS: Record<PasswordTokenPurpose, number> = {
  reset: PASSWORD_RESET_VALID_HOURS * HOUR_MS,
  invitation: INVITATION_VALID_DAYS * 24 * HOUR_MS,
};

export const hashPasswordToken = sha256Hex;

/**
 * Mints set-password links when the outbox sends the email: a random 256-bit token of which only the SHA-256
 * is stored (password_reset_token), valid from the moment of sending. Nothing for a disabled or deleted account.
 */
@Injectable()
export class PasswordLinkMinters implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: PasswordResetRepository,
    private readonly minters: OutboxLinkMinters,
  ) {}

  onModuleInit(): void {
    this.minters.register(
      this.minter(PASSWORD_RESET_LINK, 'reset'),
      this.minter(INVITATION_LINK, 'invitation'),
    );
  }

  private minter(purpose: string, tokenPurpose: PasswordTokenPurpose): OutboxLinkMinter {
    return { purpose, mint: (userId, manager) => this.mint(userId, tokenPurpose, manager) };
  }

  private async mint(
    userId: string,
    purpose: PasswordTokenPurpose,
    manager: EntityManager,
  ): Promise<MintedLink | null> {
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + VALID_MS[purpose]);
    const created = await this.repository.createForEnabledUser(
      { tokenHash: hashPasswordToken(token), userId, purpose, expiresAt },
      manager,
    );
    return created ? { url: `${this.config.publicBaseUrl}/reset-password?token=${token}`, expiresAt } : null;
  }
}
