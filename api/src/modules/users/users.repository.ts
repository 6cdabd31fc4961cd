import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, ScopeKind } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { UserIdentityEntity } from '../sso/user-identity.entity';
import { UserRoleEntity } from './user-role.entity';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  fullName: string;
  passwordHash: string;
  organisationId: string | null;
  roles: NewGrant[];
}

/** A grant with its scope: a region for a regional grant, an organisation (an ICB for a system) otherwise. */
export interface NewGrant {
  role: Role;
  scopeKind: ScopeKind | null;
  organisationId: string | null;
  regionId: string | null;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { email } });
  }

  /** Whether the account is linked to a single sign-on provider account. */
  hasLinkedIdentity(userId: string): Promise<boolean> {
    return this.dataSource.getRepository(UserIdentityEntity).exists({ where: { userId } });
  }

  findWithRoles(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({
      where: { id },
      relations: { roles: { organisation: true, region: true } },
    });
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  async create(user: NewUser, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    const saved = await manager.save(
      UserEntity,
      manager.create(UserEntity, { ...user, roles: undefined, disabledAt: null }),
    );
    if (user.roles.length > 0) {
      await manager.insert(
        UserRoleEntity,
        user.roles.map((grant) => ({
          userId: saved.id,
          role: grant.role,
          scopeKind: grant.scopeKind,
          organisationId: grant.organisationId,
          regionId: grant.regionId,
        })),
      );
    }
    return saved;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
