import { Inject, Injectable } from '@nestjs/common';
import {
  SECOND_FACTOR_REQUIRED_ROLES,
  SecondFactorEnabled,
  SecondFactorEnrolment,
  SecondFactorStatus,
} from '@upstand/contracts';
import QRCode from 'qrcode';
import { coversSystem } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { FixedWindowCounter } from '../auth/login-throttle';
import { ThrottleRepository } from '../auth/throttle.repository';
import { SecondFactorRepository } from './second-factor.repository';
import {
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  recoveryCodeHash,
  sealSecret,
  verifyTotp,
} from './totp';

export const WRONG_CODE =
  'Enter the current 6-digit code from your authenticator app, or an unused recovery code';
const TOO_MANY_CODES = 'Too many wrong codes. Wait and try again.';

/** Whether the user's grants show person-level data, so need a second factor when it is required. */
export function needsSecondFactor(user: Pick<AuthenticatedUser, 'roles'>): boolean {
  return user.roles.some((grant) => SECOND_FACTOR_REQUIRED_ROLES.includes(grant.role));
}

/** TOTP second factors: set up, check at sign-in, turn off, and reset by a lead. */
@Injectable()
export class SecondFactorService {
  /** Wrong codes per account, whatever the route (sign-in, turning it off): a guesser gets a handful per window. */
  private readonly wrongCodes: FixedWindowCounter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SecondFactorRepository,
    private readonly audit: AuditService,
    throttles: ThrottleRepository,
  ) {
    this.wrongCodes = new FixedWindowCounter(
      throttles,
      'second-factor',
      config.loginThrottle.limit,
      config.loginThrottle.ttlSeconds,
      TOO_MANY_CODES,
    );
  }

  async status(user: AuthenticatedUser): Promise<SecondFactorStatus> {
    const enabled = await this.repository.isEnabled(user.id);
    return {
      enabled,
      recoveryCodesLeft: enabled ? await this.repository.recoveryCodesLeft(user.id) : 0,
      required: !enabled && this.config.mfa.requiredForStaff && needsSecondFactor(user),
    };
  }

  /** A new secret for the authenticator app; nothing is asked at sign-in until a code confirms it. */
  async startEnrolment(user: AuthenticatedUser): Promise<SecondFactorEnrolment> {
    const secret = newTotpSecret();
    if (!(await this.repository.saveEnrolment(user.id, sealSecret(secret, this.config.mfa.encryptionKey))))
      throw new ConflictError('Two-step verification is already on. Turn it off first to set up a new app.');
    const uri = otpauthUri(secret, user.email);
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { secret, otpauthUri: uri, qrSvg };
  }

  /** A code from the app proves it was set up right: turn it on and hand out the recovery codes, once. */
  async confirm(user: AuthenticatedUser, code: string): Promise<SecondFactorEnabled> {
    const factor = await this.repository.find(user.id);
    if (!factor || factor.enabledAt)
      throw InvalidInputError.field('code', 'Start setting up two-step verification first');
    await this.wrongCodes.check(user.id);
    const step = await verifyTotp(openSecret(factor.secret, this.config.mfa.encryptionKey), code, null);
    if (step === null) {
      await this.wrongCodes.take(user.id);
      throw InvalidInputError.field('code', 'Enter the current 6-digit code from your authenticator app');
    }
    const recoveryCodes = newRecoveryCodes();
    if (!(await this.repository.enable(user.id, step, recoveryCodes.map(recoveryCodeHash))))
      throw new ConflictError('Two-step verification is already on');
    await this.repository.markSessionSecondFactor(user.sessionId);
    await this.audit.record({
      actorUserId: user.id,
      action: 'user.second-factor-enabled',
      entityType: 'user',
      entityId: user.id,
      details: { fields: ['secondFactor', 'recoveryCodes'] },
    });
    return { recoveryCodes };
  }

  /** Turning it off needs a current code (or a recovery code): a borrowed session alone cannot do it. */
  async disable(user: AuthenticatedUser, code: string): Promise<void> {
    if (!(await this.repository.isEnabled(user.id)))
      throw new NotFoundError('Two-step verification for user', user.id);
    const used = await this.verify(user.id, code);
    if (!used) throw InvalidInputError.field('code', WRONG_CODE);
    await this.repository.remove(user.id);
    await this.audit.record({
      actorUserId: user.id,
      action: 'user.second-factor-disabled',
      entityType: 'user',
      entityId: user.id,
      details: { fields: ['secondFactor', 'recoveryCodes'] },
    });
  }

  isEnabled(userId: string): Promise<boolean> {
    return this.repository.isEnabled(userId);
  }

  /**
   * Checks a code for the account, throttled (TooManyAttemptsError once it has had too many wrong ones): a TOTP
   * code not used before (±1 step), or an unused recovery code, which is used up. Answers which, or null.
   */
  async verify(userId: string, code: string): Promise<'totp' | 'recovery' | null> {
    // Counted before checking, so parallel guesses cannot outrun the limit; a right code forgets the count.
    await this.wrongCodes.take(userId);
    const used = await this.check(userId, code);
    if (used) await this.wrongCodes.forget(userId);
    return used;
  }

  private async check(userId: string, code: string): Promise<'totp' | 'recovery' | null> {
    if (looksLikeRecoveryCode(code))
      return (await this.repository.consumeRecoveryCode(userId, recoveryCodeHash(code))) ? 'recovery' : null;
    const factor = await this.repository.find(userId);
    if (!factor?.enabledAt) return null;
    const afterStep = factor.lastUsedStep === null ? null : Number(factor.lastUsedStep);
    const step = await verifyTotp(openSecret(factor.secret, this.config.mfa.encryptionKey), code, afterStep);
    // The update is the real replay check: of two requests racing with one code, only one moves the step on.
    return step !== null && (await this.repository.consumeStep(userId, step)) ? 'totp' : null;
  }

  /**
   * A lead clears someone's second factor (a lost phone): they set it up again at their next sign-in. Only a lead
   * whose scope reaches the person (their employer's system, or every system their own staff grants reach) may;
   * anyone else gets the same 404 as for a missing account.
   */
  async reset(actor: AuthenticatedUser, userId: string): Promise<void> {
    const target = await this.repository.scopeOfUser(userId);
    const systems = [target.employingSystemId, ...target.grantSystemIds].filter(
      (id): id is string => id !== null,
    );
    const regionalLead = actor.roles.some(
      (grant) => grant.role === 'programme-lead' && grant.scope?.kind === 'region',
    );
    const covered =
      regionalLead ||
      (!target.regional &&
        systems.length > 0 &&
        systems.every((systemId) => coversSystem(actor, ['programme-lead'], systemId)));
    if (!target.exists || !covered || actor.id === userId) throw new NotFoundError('User', userId);
    const removed = await this.repository.remove(userId);
    await this.audit.record({
      actorUserId: actor.id,
      action: 'user.second-factor-reset',
      entityType: 'user',
      entityId: userId,
      details: { fields: ['secondFactor', 'recoveryCodes'], hadSecondFactor: removed },
    });
  }
}
