import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { UserSessionEntity } from '../modules/auth/user-session.entity';
import { OrganisationEntity } from '../modules/organisations/organisation.entity';
import { RegionEntity } from '../modules/organisations/region.entity';
import { UserRoleEntity } from '../modules/users/user-role.entity';
import { UserEntity } from '../modules/users/user.entity';

/** Listed explicitly: the API is bundled by webpack, so glob loading would find nothing. */
export const ENTITIES = [RegionEntity, OrganisationEntity, UserEntity, UserRoleEntity, UserSessionEntity, AuditEventEntity];
