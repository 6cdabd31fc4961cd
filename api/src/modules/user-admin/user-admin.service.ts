import { Inject, Injectable } from '@nestjs/common';
import {
  AdminUser,
  AUDIT_PAGE_SIZE,
  AuditEventView,
  checkGrant,
  FieldError,
  grantLabel,
  Paged,
  RoleGrant,
  roleIsScoped,
  ScopePlace,
} from '@upstand/contracts';
import { randomBytes } from 'crypto';
import { EntityManager } from 'typeorm';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { normaliseEmail, toCurrentUser } from '../auth/auth.service';
import { INVITATION_LINK } from '../auth/password-link-minters';
import { MailService } from '../mail/mail.service';
import { LINK_EXPIRY_PLACEHOLDER, LINK_PLACEHOLDER } from '../mail/outbox-links';
import { UserRoleEntity } from '../users/user-role.entity';
import {
  AuditEventQueryDto,
  GrantDto,
  InviteUserDto,
  ReplaceGrantsDto,
  UserQueryDto,
} from './dto/user-admin.dto';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { GrantRow, PersonRow, UserAdminRepository, UserRow } from './user-admin.repository';

export const USER_INVITATION_SUBJECT = 'You have been invited to Upstand, for the Active Bystander Programme';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A requested or held grant with the place it names, as the grant rule reads it. */
interface PlacedGrant {
  row: GrantRow;
  place: ScopePlace | null;
}

const grantKey = (grant: GrantRow) =>
  `${grant.role}|${grant.scopeKind ?? ''}|${grant.organisationId ?? grant.regionId ?? ''}`;

/** How a grant is named in audit details: the role and scope kind and code, never anything about the person. */
const auditName = ({ row, place }: PlacedGrant) =>
  place ? `${row.role}:${place.kind}:${place.odsCode}` : row.role;

/**
 * The display name of the single sign-on provider when one is configured. Single sign-on's settings are another
 * change's (issue 10, item 3); until they exist in AppConfig, invitations offer the password only.
 */
/** The single sign-on an invitation may offer instead of a password, by the name people know it by. */
function singleSignOnName(config: AppConfig): string | null {
  return config.oidc?.displayName ?? null;
}

/**
 * User and role administration for programme leads: a regional lead administers everyone, a system lead the
 * people of their system (employed there, or holding a grant there). Out of scope reads as missing (404). Who
 * may give which grant is checkGrant in libs/contracts, the same rule the web form follows.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: UserAdminRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /** The systems (ICB ids) the caller administers; null for a regional lead (all of them). */
  private systemsOf(caller: AuthenticatedUser): string[] | null {
    return visibleSystemIds(caller, ['programme-lead']);
  }

  async list(caller: AuthenticatedUser, query: UserQueryDto): Promise<Paged<AdminUser>> {
    const window = pageWindow(query);
    const { rows, total } = await this.repository.page(
      this.systemsOf(caller),
      window.q ? likePattern(window.q) : null,
      window.take,
      window.skip,
    );
    return paged(await this.present(rows), total, window);
  }

  async get(caller: AuthenticatedUser, id: string): Promise<AdminUser> {
    const row = await this.repository.findVisible(id, this.systemsOf(caller));
    if (!row) throw new NotFoundError('User', id);
    const [user] = await this.present([row]);
    return user as AdminUser;
  }

  /**
   * Creates the account with no usable password and the grants, and queues the invitation (its set-password link
   * is minted when the email is sent). An address that has an account already is refused (409 on `email`), with
   * the same answer whether or not the caller may see that account: leads are signed-in, audited staff, and the
   * answer names no person and no roles, but a lead of another system could otherwise quietly give roles to (and
   * so gain sight of) anyone's account by guessing the address. Adding roles to an existing account is done on
   * its page, by a lead who can see it.
   */
  async invite(caller: AuthenticatedUser, body: InviteUserDto): Promise<AdminUser> {
    const grants = await this.resolve(caller, body.grants);
    if (grants.length === 0)
      throw InvalidInputError.field(
        'grants',
        'Give them at least one role, like programme lead or facilitator',
      );
    const email = normaliseEmail(body.email);
    const taken = () =>
      new ConflictError(
        'There is already an Upstand account for this email address. Search for them to change their roles.',
        'email',
      );
    if (await this.repository.findIdByEmail(email)) throw taken();
    const passwordHash = `!invited:${randomBytes(24).toString('base64url')}`;
    let userId: string;
    try {
      userId = await this.repository.transaction(async (manager) => {
        const id = await this.repository.createInvited(
          { email, fullName: body.fullName, passwordHash },
          manager,
        );
        await this.repository.addGrants(
          id,
          grants.map((grant) => grant.row),
          manager,
        );
        await this.queueInvitation(caller, { id, email, fullName: body.fullName }, grants.length, manager);
        await this.audit.record(
          {
            actorUserId: caller.id,
            action: 'user.invited',
            entityType: 'user',
            entityId: id,
            details: { fields: ['email', 'fullName', 'grants'], grants: grants.map(auditName) },
          },
          manager,
        );
        return id;
      });
    } catch (error) {
      // Two invitations of one address at once: the unique index decides, the loser gets the same 409.
      if ((error as { code?: string }).code === '23505') throw taken();
      throw error;
    }
    return this.presentOne(userId);
  }

  /**
   * A lead puts a new person on a cohort: the account is made as an invitation is (no usable password, a
   * set-password link minted when the email is sent) with the delegate role, in the caller's transaction. An
   * address that has an account already is the same 409 on `email` as an invitation gets. Returns the new id.
   */
  async inviteDelegate(
    caller: AuthenticatedUser,
    person: { email: string; fullName: string },
    cohortName: string,
    manager: EntityManager,
  ): Promise<string> {
    const email = normaliseEmail(person.email);
    if (await this.repository.findIdByEmail(email, manager))
      throw new ConflictError(
        'There is already an Upstand account for this email address: search for them instead.',
        'email',
      );
    const id = await this.repository.createInvited(
      { email, fullName: person.fullName, passwordHash: `!invited:${randomBytes(24).toString('base64url')}` },
      manager,
    );
    await this.repository.addGrants(
      id,
      [{ role: 'delegate', scopeKind: null, organisationId: null, regionId: null }],
      manager,
    );
    await this.queueInvitation(caller, { id, email, fullName: person.fullName }, 1, manager, [
      '',
      `They have put you on ${cohortName}: an email about your place follows. Once your password is set, add your job and line manager under "Your profile", and see your sessions on your journey page.`,
    ]);
    await this.audit.record(
      {
        actorUserId: caller.id,
        action: 'user.invited',
        entityType: 'user',
        entityId: id,
        details: { fields: ['email', 'fullName', 'grants'], grants: ['delegate'] },
      },
      manager,
    );
    return id;
  }

  /** People the caller may add to a cohort of this programme: within their systems, matching the search. */
  async people(
    caller: AuthenticatedUser,
    q: string,
    programmeId: string,
    window: { take: number; skip: number },
  ): Promise<{ rows: PersonRow[]; total: number }> {
    return this.repository.people(
      this.systemsOf(caller),
      likePattern(q),
      programmeId,
      window.take,
      window.skip,
    );
  }

  /** A lead put this person on a cohort: they need the delegate role to see their journey (audited when given). */
  async ensureDelegate(caller: AuthenticatedUser, userId: string, manager: EntityManager): Promise<void> {
    const [user] = await this.repository.withGrants([userId], manager);
    if (user?.roles?.some((grant) => grant.role === 'delegate')) return;
    await this.repository.ensureDelegateRole(userId, manager);
    await this.audit.record(
      {
        actorUserId: caller.id,
        action: 'user.grants-changed',
        entityType: 'user',
        entityId: userId,
        details: { fields: ['grants'], added: ['delegate'], removed: [] },
      },
      manager,
    );
  }

  /** Whether the caller's reach (their systems) includes this user; null when it does not, as a missing one. */
  async visibleUser(caller: AuthenticatedUser, id: string, manager?: EntityManager): Promise<UserRow | null> {
    return this.repository.findVisible(id, this.systemsOf(caller), manager);
  }

  /**
   * Replaces the staff grants the caller could have given; grants beyond the caller's reach (another system's, a
   * regional one for a system lead) and delegate and line-manager roles stay as they are.
   */
  async replaceGrants(caller: AuthenticatedUser, id: string, body: ReplaceGrantsDto): Promise<AdminUser> {
    const target = await this.visibleOrMissing(caller, id);
    if (target.id === caller.id)
      throw new ForbiddenError('You cannot change your own roles: ask another programme lead');
    const wanted = await this.resolve(caller, body.grants);
    const held = await this.held(id);
    const reachable = held.filter(
      ({ grant, placed }) =>
        roleIsScoped(grant.role) && checkGrant(caller.roles, grant.role, placed.place).ok,
    );
    const heldKeys = new Set(held.map(({ placed }) => grantKey(placed.row)));
    const wantedKeys = new Set(wanted.map((grant) => grantKey(grant.row)));
    const removed = reachable.filter(({ placed }) => !wantedKeys.has(grantKey(placed.row)));
    const added = wanted.filter((grant) => !heldKeys.has(grantKey(grant.row)));
    if (removed.length > 0 || added.length > 0)
      await this.repository.transaction(async (manager) => {
        await this.repository.removeGrants(
          removed.map(({ grant }) => grant.id),
          manager,
        );
        await this.repository.addGrants(
          id,
          added.map((grant) => grant.row),
          manager,
        );
        await this.audit.record(
          {
            actorUserId: caller.id,
            action: 'user.grants-changed',
            entityType: 'user',
            entityId: id,
            details: {
              fields: ['grants'],
              added: added.map(auditName),
              removed: removed.map(({ placed }) => auditName(placed)),
            },
          },
          manager,
        );
      });
    return this.presentOne(id);
  }

  /** Disables the account; every session of it ends in the same transaction, so its next request gets a 401. */
  async deactivate(caller: AuthenticatedUser, id: string): Promise<AdminUser> {
    const target = await this.mayManage(caller, id, 'deactivate');
    if (!target.disabledAt)
      await this.repository.transaction(async (manager) => {
        const sessionsEnded = await this.repository.deactivate(id, manager);
        await this.audit.record(
          {
            actorUserId: caller.id,
            action: 'user.deactivated',
            entityType: 'user',
            entityId: id,
            details: { fields: ['disabledAt'], sessionsEnded },
          },
          manager,
        );
      });
    return this.presentOne(id);
  }

  async reactivate(caller: AuthenticatedUser, id: string): Promise<AdminUser> {
    const target = await this.mayManage(caller, id, 'reactivate');
    if (target.disabledAt)
      await this.repository.transaction(async (manager) => {
        await this.repository.reactivate(id, manager);
        await this.audit.record(
          {
            actorUserId: caller.id,
            action: 'user.reactivated',
            entityType: 'user',
            entityId: id,
            details: { fields: ['disabledAt'] },
          },
          manager,
        );
      });
    return this.presentOne(id);
  }

  async auditEvents(caller: AuthenticatedUser, query: AuditEventQueryDto): Promise<Paged<AuditEventView>> {
    const page = query.page ?? 1;
    const actor = query.actor || null;
    const { rows, total } = await this.repository.auditPage(
      this.systemsOf(caller),
      {
        actorId: actor && UUID.test(actor) ? actor : null,
        actorPattern: actor && !UUID.test(actor) ? likePattern(actor) : null,
        action: query.action || null,
        from: query.from ?? null,
        to: query.to ?? null,
      },
      AUDIT_PAGE_SIZE,
      (page - 1) * AUDIT_PAGE_SIZE,
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        actorName: row.actorName,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        // Only the names of the fields: whatever else a detail holds is not shown.
        fields: Array.isArray(row.fields)
          ? row.fields.filter((field): field is string => typeof field === 'string')
          : [],
      })),
      total,
      page,
      pageSize: AUDIT_PAGE_SIZE,
    };
  }

  private async visibleOrMissing(caller: AuthenticatedUser, id: string): Promise<UserRow> {
    const row = await this.repository.findVisible(id, this.systemsOf(caller));
    if (!row) throw new NotFoundError('User', id);
    return row;
  }

  /** A user the caller may switch off or on: visible, not themselves, holding no grant beyond the caller's reach. */
  private async mayManage(caller: AuthenticatedUser, id: string, verb: string): Promise<UserRow> {
    const target = await this.visibleOrMissing(caller, id);
    if (target.id === caller.id) throw new ForbiddenError(`You cannot ${verb} your own account`);
    const beyond = (await this.held(id)).some(
      ({ grant, placed }) =>
        roleIsScoped(grant.role) && !checkGrant(caller.roles, grant.role, placed.place).ok,
    );
    if (beyond)
      throw new ForbiddenError(
        `${target.fullName} holds roles beyond yours: ask a programme lead whose area covers them to ${verb} the account`,
      );
    return target;
  }

  /** The user's grants with the places they name. */
  private async held(userId: string): Promise<{ grant: UserRoleEntity; placed: PlacedGrant }[]> {
    const [user] = await this.repository.withGrants([userId]);
    const grants = user?.roles ?? [];
    const organisations = await this.repository.systemOdsCodes(
      grants.flatMap((grant) => (grant.organisationId ? [grant.organisationId] : [])),
    );
    return grants.map((grant) => {
      const organisation = grant.organisationId ? organisations.get(grant.organisationId) : undefined;
      const place: ScopePlace | null =
        grant.scopeKind === 'region'
          ? { kind: 'region', odsCode: grant.region?.odsCode ?? '' }
          : grant.scopeKind && organisation
            ? {
                kind: grant.scopeKind,
                odsCode: organisation.odsCode,
                isIcb: organisation.isIcb,
                systemOdsCode: organisation.systemOdsCode,
              }
            : null;
      return {
        grant,
        placed: {
          row: {
            role: grant.role,
            scopeKind: grant.scopeKind,
            organisationId: grant.organisationId,
            regionId: grant.regionId,
          },
          place,
        },
      };
    });
  }

  /**
   * The requested grants, resolved and checked against the grant rule; every problem is reported at once, on the
   * grant's field (`grants.0.scope`). Repeats are dropped.
   */
  private async resolve(caller: AuthenticatedUser, requested: GrantDto[]): Promise<PlacedGrant[]> {
    const errors: FieldError[] = [];
    const scopes = requested.map((grant, index) => {
      const given = Object.entries(grant.scope ?? {}).filter(
        ([, code]) => code !== undefined && code !== null,
      ) as ['region' | 'system' | 'organisation', string][];
      if (!roleIsScoped(grant.role))
        errors.push({
          field: `grants.${index}.role`,
          message:
            'Delegate and line-manager roles follow from the person’s own registration and team: they are not given here',
        });
      else if (given.length !== 1)
        errors.push({
          field: `grants.${index}.scope`,
          message: 'Give exactly one of region, system or organisation, like {"system": "QWU"}',
        });
      return given.length === 1 ? given[0] : undefined;
    });
    const organisations = new Map(
      (
        await this.repository.organisations(
          scopes.flatMap((scope) => (scope && scope[0] !== 'region' ? [scope[1]] : [])),
        )
      ).map((organisation) => [organisation.odsCode, organisation]),
    );
    const placed: PlacedGrant[] = [];
    for (const [index, grant] of requested.entries()) {
      const scope = scopes[index];
      if (!scope || !roleIsScoped(grant.role)) continue;
      const field = `grants.${index}.scope`;
      const [kind, odsCode] = scope;
      let row: GrantRow;
      let place: ScopePlace;
      if (kind === 'region') {
        const region = await this.repository.region(odsCode);
        if (!region) {
          errors.push({ field, message: `There is no region with the ODS code ${odsCode}` });
          continue;
        }
        row = { role: grant.role, scopeKind: 'region', regionId: region.id, organisationId: null };
        place = { kind: 'region', odsCode };
      } else {
        const organisation = organisations.get(odsCode);
        if (!organisation) {
          errors.push({ field, message: `There is no organisation with the ODS code ${odsCode}` });
          continue;
        }
        row = { role: grant.role, scopeKind: kind, regionId: null, organisationId: organisation.id };
        place = { kind, odsCode, isIcb: organisation.isIcb, systemOdsCode: organisation.systemOdsCode };
      }
      const check = checkGrant(caller.roles, grant.role, place);
      if (!check.ok) errors.push({ field: `grants.${index}.${check.field}`, message: check.message });
      else if (!placed.some((other) => grantKey(other.row) === grantKey(row))) placed.push({ row, place });
    }
    if (errors.length > 0) throw new InvalidInputError(errors);
    return placed;
  }

  private async queueInvitation(
    caller: AuthenticatedUser,
    user: { id: string; email: string; fullName: string },
    grantCount: number,
    manager: EntityManager,
    why: string[] = [],
  ): Promise<void> {
    const sso = singleSignOnName(this.config);
    const [created] = await this.repository.withGrants([user.id], manager);
    const roles = (created ? toCurrentUser(created).roles : []).map(
      (grant) => `- ${grantLabel(grant)}${grant.scope ? ` (${grant.scope.name})` : ''}`,
    );
    await this.mail.enqueue(
      [
        {
          toAddress: user.email,
          subject: USER_INVITATION_SUBJECT,
          link: { purpose: INVITATION_LINK, subjectId: user.id },
          textBody: [
            `Dear ${user.fullName},`,
            '',
            `${caller.fullName} has invited you to Upstand, where the Active Bystander Programme is run across the Midlands. You have ${grantCount === 1 ? 'this role' : 'these roles'}:`,
            ...roles,
            ...why,
            '',
            `Set your password here: ${LINK_PLACEHOLDER}`,
            `(The link works once and ends on ${LINK_EXPIRY_PLACEHOLDER}. After that, use "Forgotten your password?" on the sign-in page: ${this.config.publicBaseUrl}/forgot-password)`,
            // Not "or sign in with it": an email match never hands over an account, so the first single sign-on
            // of an invited account is refused until its owner links it (see SsoService).
            ...(sso
              ? [
                  '',
                  `Once your password is set you can sign in with ${sso} instead: sign in with your password once, then choose "Link your ${sso} account" on ${this.config.publicBaseUrl}/profile/sign-in`,
                ]
              : []),
            '',
            `You sign in with this email address: ${user.email}`,
          ].join('\n'),
        },
      ],
      manager,
    );
  }

  private async presentOne(id: string): Promise<AdminUser> {
    const row = await this.repository.findVisible(id, null);
    if (!row) throw new NotFoundError('User', id);
    const [user] = await this.present([row]);
    return user as AdminUser;
  }

  private async present(rows: UserRow[]): Promise<AdminUser[]> {
    const users = await this.repository.withGrants(rows.map((row) => row.id));
    const grants = new Map<string, RoleGrant[]>(users.map((user) => [user.id, toCurrentUser(user).roles]));
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      fullName: row.fullName,
      organisationName: row.organisationName,
      status: row.disabledAt
        ? 'deactivated'
        : row.passwordUnusable && !row.lastSignInAt
          ? 'invited'
          : 'active',
      grants: grants.get(row.id) ?? [],
      lastSignInAt: row.lastSignInAt ? new Date(row.lastSignInAt).toISOString() : null,
      secondFactor: row.secondFactor,
    }));
  }
}
