/**
 * Creates a user (or adds roles to an existing one) straight in the database: how the first programme lead gets
 * in on a production deployment, where no demo users are seeded. `npm run user:create` runs it, see
 * create-user.main.ts.
 */
import {
  HOME_REGION_ODS_CODE,
  isScopeKind,
  PASSWORD_MAX_LENGTH,
  Role,
  ROLE_SCOPE_KINDS,
  roleIsScoped,
  ROLES,
  ScopeKind,
} from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { normaliseEmail } from '../modules/auth/auth.service';
import { PasswordHasher } from '../modules/auth/password-hasher';

/** Longer than the self-registration minimum: these accounts are privileged and the password is handed over. */
export const CLI_PASSWORD_MIN_LENGTH = 12;

export interface CreateUserInput {
  email: string;
  fullName: string;
  roles: string[];
  /** The user's organisation; required for the sponsor role, which is scoped to it. */
  organisationOdsCode?: string | null;
  /**
   * The scope of the lead, facilitator and steering grants, `region:Y60` or `system:QWU` (an ICB); regional
   * (Y60) when not given. Sponsors are scoped to --organisation instead.
   */
  scope?: string | null;
  password: string;
  /** For an existing user: replace the password (and end their sessions). Otherwise it is left alone. */
  resetPassword?: boolean;
}

export interface CreateUserResult {
  userId: string;
  email: string;
  created: boolean;
  /** Roles granted by this call; roles the user already held are not repeated. */
  rolesAdded: Role[];
  passwordSet: boolean;
  /** An existing account that has been disabled: it cannot sign in whatever its roles. */
  disabled: boolean;
}

/** Bad input, naming the command-line option at fault. */
export class CreateUserError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'CreateUserError';
  }
}

interface CheckedInput {
  email: string;
  fullName: string;
  roles: Role[];
  organisationOdsCode: string | null;
  scope: { kind: ScopeKind; odsCode: string };
  password: string;
  resetPassword: boolean;
}

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** Validates and normalises the input without touching the database, so a command can fail fast. */
export function checkCreateUserInput(input: CreateUserInput): CheckedInput {
  const email = normaliseEmail(input.email ?? '');
  if (email.length > 320 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new CreateUserError('--email', 'email must be an email address');
  const fullName = (input.fullName ?? '').trim();
  if (fullName.length === 0 || fullName.length > 200)
    throw new CreateUserError('--name', 'name must be 1 to 200 characters');
  if (/[<>]/.test(fullName)) throw new CreateUserError('--name', 'name must not contain < or >');
  if (input.roles.length === 0)
    throw new CreateUserError('--role', `at least one --role is needed (one of ${ROLES.join(', ')})`);
  const unknown = input.roles.filter((role) => !isRole(role));
  if (unknown.length > 0)
    throw new CreateUserError(
      '--role',
      `unknown role ${unknown.map((role) => `"${role}"`).join(', ')}; roles are ${ROLES.join(', ')}`,
    );
  const roles = [...new Set(input.roles as Role[])];
  const odsCode = input.organisationOdsCode?.trim().toUpperCase() || null;
  if (odsCode !== null && !/^[A-Z0-9]{3,6}$/.test(odsCode))
    throw new CreateUserError(
      '--organisation',
      'organisation must be an ODS code of 3 to 6 letters and digits',
    );
  if (roles.includes('sponsor') && odsCode === null)
    throw new CreateUserError(
      '--organisation',
      'the sponsor role needs --organisation (the ODS code it follows)',
    );
  const scope = checkScope(input.scope ?? null, roles);
  if (input.password.length < CLI_PASSWORD_MIN_LENGTH)
    throw new CreateUserError(
      '--password-stdin',
      `password must be at least ${CLI_PASSWORD_MIN_LENGTH} characters`,
    );
  if (input.password.length > PASSWORD_MAX_LENGTH)
    throw new CreateUserError(
      '--password-stdin',
      `password must be at most ${PASSWORD_MAX_LENGTH} characters`,
    );
  return {
    email,
    fullName,
    roles,
    organisationOdsCode: odsCode,
    scope,
    password: input.password,
    resetPassword: !!input.resetPassword,
  };
}

/** `kind:ODS` for the staff grants other than sponsor's; each role must allow the kind (ROLE_SCOPE_KINDS). */
function checkScope(text: string | null, roles: Role[]): { kind: ScopeKind; odsCode: string } {
  if (text === null) return { kind: 'region', odsCode: HOME_REGION_ODS_CODE };
  const match = /^([a-z]+):([A-Za-z0-9]{3,6})$/.exec(text.trim());
  if (!match || !isScopeKind(match[1]))
    throw new CreateUserError(
      '--scope',
      'scope must be region:<ODS code> or system:<ICB ODS code>, e.g. system:QWU',
    );
  const kind = match[1];
  const refused = roles.filter(
    (role) => role !== 'sponsor' && roleIsScoped(role) && !ROLE_SCOPE_KINDS[role].includes(kind),
  );
  if (refused.length > 0)
    throw new CreateUserError(
      '--scope',
      `the ${refused.join(', ')} role cannot have a ${kind} scope (sponsors use --organisation)`,
    );
  return { kind, odsCode: (match[2] as string).toUpperCase() };
}

async function findOrganisationId(manager: EntityManager, odsCode: string | null): Promise<string | null> {
  if (odsCode === null) return null;
  const [organisation] = (await manager.query('SELECT id FROM organisation WHERE ods_code = $1', [
    odsCode,
  ])) as {
    id: string;
  }[];
  if (!organisation)
    throw new CreateUserError(
      '--organisation',
      `no organisation has ODS code ${odsCode} (start Upstand once to load the reference data, or import the organisation first)`,
    );
  return organisation.id;
}

/** The region or the ICB a --scope names, as the columns of a grant. */
async function findScope(
  manager: EntityManager,
  scope: { kind: ScopeKind; odsCode: string },
): Promise<{ kind: ScopeKind; organisationId: string | null; regionId: string | null }> {
  if (scope.kind === 'region') {
    const [region] = (await manager.query('SELECT id FROM region WHERE ods_code = $1', [scope.odsCode])) as {
      id: string;
    }[];
    if (!region)
      throw new CreateUserError(
        '--scope',
        `no region has ODS code ${scope.odsCode} (start Upstand once to load the reference data)`,
      );
    return { kind: 'region', organisationId: null, regionId: region.id };
  }
  const [icb] = (await manager.query(`SELECT id FROM organisation WHERE ods_code = $1 AND type = 'icb'`, [
    scope.odsCode,
  ])) as { id: string }[];
  if (!icb) throw new CreateUserError('--scope', `no integrated care board has ODS code ${scope.odsCode}`);
  return { kind: 'system', organisationId: icb.id, regionId: null };
}

/**
 * Creates the account, or grants an existing one the roles it lacks. Unique indexes on email and on user_role do
 * the deduplication (ON CONFLICT DO NOTHING), so two runs at once cannot create two accounts or repeat a role.
 */
export async function createUser(dataSource: DataSource, input: CreateUserInput): Promise<CreateUserResult> {
  const checked = checkCreateUserInput(input);
  const passwordHash = await new PasswordHasher().hash(checked.password);
  return dataSource.transaction(async (manager) => {
    const organisationId = await findOrganisationId(manager, checked.organisationOdsCode);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO app_user (email, full_name, password_hash, organisation_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [checked.email, checked.fullName, passwordHash, organisationId],
    );
    const created = inserted.length === 1;
    const [user] = (await manager.query('SELECT id, disabled_at FROM app_user WHERE email = $1 FOR UPDATE', [
      checked.email,
    ])) as { id: string; disabled_at: Date | null }[];
    if (!user) throw new Error(`The account for ${checked.email} could not be read back`);

    const rolesAdded: Role[] = [];
    for (const role of checked.roles) {
      // Sponsors follow their organisation; other staff grants take --scope (regional by default); delegate
      // and line-manager grants carry no scope.
      const scope =
        role === 'sponsor'
          ? { kind: 'organisation', organisationId, regionId: null }
          : roleIsScoped(role)
            ? await findScope(manager, checked.scope)
            : { kind: null, organisationId: null, regionId: null };
      const granted: unknown[] = await manager.query(
        `INSERT INTO user_role (user_id, role, scope_kind, organisation_id, region_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING id`,
        [user.id, role, scope.kind, scope.organisationId, scope.regionId],
      );
      if (granted.length === 1) rolesAdded.push(role);
    }

    const passwordSet = created || checked.resetPassword;
    if (!created && checked.resetPassword) {
      await manager.query('UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1', [
        user.id,
        passwordHash,
      ]);
      // A reset is often because the old password leaked: sign the account out everywhere.
      await manager.query('DELETE FROM user_session WHERE user_id = $1', [user.id]);
    }

    const fields = created
      ? ['email', 'fullName', 'passwordHash', ...(organisationId ? ['organisationId'] : []), 'roles']
      : [...(rolesAdded.length > 0 ? ['roles'] : []), ...(passwordSet ? ['passwordHash'] : [])];
    if (fields.length > 0) {
      const action = created
        ? 'user.created'
        : rolesAdded.length > 0
          ? 'user.roles-added'
          : 'user.password-reset';
      await manager.query(
        `INSERT INTO audit_event (actor_user_id, action, entity_type, entity_id, details)
         VALUES (NULL, $1, 'user', $2, $3)`,
        [action, user.id, JSON.stringify({ fields })],
      );
    }
    return {
      userId: user.id,
      email: checked.email,
      created,
      rolesAdded,
      passwordSet,
      disabled: user.disabled_at !== null,
    };
  });
}
