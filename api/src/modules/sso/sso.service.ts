import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { LinkedIdentity, safeReturnPath, SsoProblem } from '@upstand/contracts';
import { newSecretToken, SECRET_TOKEN_PATTERN, sha256Hex } from '../../common/secret-tokens';
import { AuditService } from '../audit/audit.service';
import { normaliseEmail } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { OidcClient } from './oidc-client';
import { SsoRepository } from './sso.repository';
import { BackgroundWork } from '../../common/background-work';

/** How long someone may spend at the provider before the flow is forgotten. */
export const FLOW_VALID_MINUTES = 10;

export type CallbackOutcome =
  | { kind: 'signed-in'; userId: string; returnPath: string | null }
  | { kind: 'linked'; userId: string; returnPath: string | null }
  | { kind: 'problem'; problem: SsoProblem };

const problem = (kind: SsoProblem): CallbackOutcome => ({ kind: 'problem', problem: kind });

/**
 * Single sign-on rules. Accounts are found by the provider's (issuer, subject), never by email: an unknown person
 * whose email has no account gets a new delegate account; one whose email belongs to an existing account is told to
 * sign in with the password once and link from their profile (Entra ID does not assert that emails are verified,
 * so an email match must not hand over an account).
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);

  constructor(
    private readonly background: BackgroundWork,
    private readonly oidc: OidcClient,
    private readonly repository: SsoRepository,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  get displayName(): string | null {
    return this.oidc.settings?.displayName ?? null;
  }

  /**
   * Starts a flow: returns the cookie token that binds it to this browser and the provider URL to go to. In link
   * mode the signed-in user is remembered, and the callback links to that account only.
   */
  async start(
    mode: 'sign-in' | 'link',
    returnUrl: string | null | undefined,
    linkUserId: string | null,
  ): Promise<{ bindingToken: string; redirectUrl: string }> {
    const bindingToken = newSecretToken();
    const redirectUrl = await this.oidc.authorizationUrl(bindingToken, { forceLogin: mode === 'link' });
    await this.repository.createFlow({
      bindingHash: sha256Hex(bindingToken),
      mode,
      linkUserId,
      returnPath: safeReturnPath(returnUrl),
      expiresAt: new Date(Date.now() + FLOW_VALID_MINUTES * 60_000),
    });
    return { bindingToken, redirectUrl };
  }

  /** The provider sent the browser back: check everything, then sign in, create or link (see the class comment). */
  async callback(
    bindingToken: string | undefined,
    callbackUrl: URL,
    signedInUserId: string | null,
  ): Promise<CallbackOutcome> {
    if (!this.oidc.settings) return problem('not-configured');
    if (!bindingToken || !SECRET_TOKEN_PATTERN.test(bindingToken)) return problem('expired');
    const flow = await this.repository.consumeFlow(sha256Hex(bindingToken));
    if (!flow) return problem('expired');
    let claims;
    try {
      claims = await this.oidc.finish(bindingToken, callbackUrl);
    } catch (error) {
      // State, nonce, PKCE, signature, issuer or audience did not check out, or the provider refused.
      this.logger.warn(`Single sign-on refused: ${error instanceof Error ? error.message : String(error)}`);
      return problem('failed');
    }
    const identity = await this.repository.findIdentity(claims.issuer, claims.subject);

    if (flow.mode === 'link') {
      if (!flow.linkUserId || flow.linkUserId !== signedInUserId) return problem('expired');
      if (identity && identity.userId !== flow.linkUserId) return problem('already-linked');
      if (!identity) {
        await this.repository.link(flow.linkUserId, claims.issuer, claims.subject);
        await this.audit.record({
          actorUserId: flow.linkUserId,
          action: 'user.identity-linked',
          entityType: 'user',
          entityId: flow.linkUserId,
          details: { fields: ['issuer', 'subject'], via: 'profile' },
        });
      }
      return { kind: 'linked', userId: flow.linkUserId, returnPath: flow.returnPath };
    }

    if (identity) {
      if (!identity.user || identity.user.disabledAt) return problem('disabled');
      await this.repository.touch(identity.id);
      await this.signedIn(identity.userId);
      return { kind: 'signed-in', userId: identity.userId, returnPath: flow.returnPath };
    }
    if (!claims.email) return problem('no-email');
    const email = normaliseEmail(claims.email);
    if (await this.repository.findUserByEmail(email)) return problem('link-required');
    const userId = await this.createDelegate(
      email,
      claims.name ?? email.slice(0, email.indexOf('@')),
      claims,
    );
    if (!userId) return problem('link-required');
    await this.signedIn(userId);
    return { kind: 'signed-in', userId, returnPath: flow.returnPath };
  }

  async identities(userId: string): Promise<LinkedIdentity[]> {
    const settings = this.oidc.settings;
    return (await this.repository.identitiesOf(userId)).map((identity) => ({
      id: identity.id,
      provider: settings && identity.issuer === settings.issuer ? settings.displayName : identity.issuer,
      issuer: identity.issuer,
      createdAt: identity.createdAt.toISOString(),
      lastUsedAt: identity.lastUsedAt?.toISOString() ?? null,
    }));
  }

  endSessionUrl(): Promise<string | null> {
    return this.oidc.endSessionUrl();
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-expired-oidc-flows' })
  async deleteExpiredFlows(): Promise<void> {
    return this.background.job('delete-expired-oidc-flows', async () => {
      await this.repository.deleteExpiredFlows();
    });
  }

  /**
   * A first sign-in whose email has no account: a delegate account, activated (the provider vouched for the
   * person), with a password nobody knows (they can set one with "Forgotten your password?"). Null if the email was
   * taken meanwhile.
   */
  private async createDelegate(
    email: string,
    fullName: string,
    claims: { issuer: string; subject: string },
  ): Promise<string | null> {
    const passwordHash = await this.hasher.hash(newSecretToken());
    try {
      return await this.repository.transaction(async (manager) => {
        if (await this.repository.findUserByEmail(email, manager)) return null;
        const user = await this.users.create(
          {
            email,
            fullName: fullName.slice(0, 200),
            passwordHash,
            organisationId: null,
            roles: [{ role: 'delegate', scopeKind: null, organisationId: null, regionId: null }],
          },
          manager,
        );
        await this.repository.link(user.id, claims.issuer, claims.subject, manager);
        await this.audit.record(
          {
            actorUserId: user.id,
            action: 'user.registered',
            entityType: 'user',
            entityId: user.id,
            details: { fields: ['email', 'fullName'], via: 'single-sign-on' },
          },
          manager,
        );
        await this.audit.record(
          {
            actorUserId: user.id,
            action: 'user.identity-linked',
            entityType: 'user',
            entityId: user.id,
            details: { fields: ['issuer', 'subject'], via: 'first-sign-in' },
          },
          manager,
        );
        return user.id;
      });
    } catch (error) {
      // Two first sign-ins racing for one email or one subject: the unique indexes let one through.
      if ((error as { code?: string }).code === '23505') return null;
      throw error;
    }
  }

  private signedIn(userId: string): Promise<void> {
    return this.audit.record({
      actorUserId: userId,
      action: 'user.signed-in-sso',
      entityType: 'user',
      entityId: userId,
    });
  }
}
