import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminUser, AuditEventView, Paged } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { uuidParam } from '../../common/params';
import { AuditEventQueryDto, InviteUserDto, ReplaceGrantsDto, UserQueryDto } from './dto/user-admin.dto';
import { UserAdminService } from './user-admin.service';

/** User and role administration for programme leads, each within their own scope (region or system). */
@ApiTags('users')
@Controller('users')
export class UserAdminController {
  constructor(private readonly users: UserAdminService) {}

  /** The users in my scope, by name, with their grants and last sign-in; `q` searches names and emails. */
  @Roles('programme-lead')
  @Get()
  list(@Query() query: UserQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Paged<AdminUser>> {
    return this.users.list(user, query);
  }

  @Roles('programme-lead')
  @Get(':id')
  get(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<AdminUser> {
    return this.users.get(user, id);
  }

  /** Creates the account with its grants and emails an invitation to set a password. */
  @Roles('programme-lead')
  @Post()
  invite(@Body() body: InviteUserDto, @CurrentUser() user: AuthenticatedUser): Promise<AdminUser> {
    return this.users.invite(user, body);
  }

  /** Replaces the staff grants within my reach; others the user holds stay. */
  @Roles('programme-lead')
  @Put(':id/grants')
  replaceGrants(
    @Param('id', uuidParam) id: string,
    @Body() body: ReplaceGrantsDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AdminUser> {
    return this.users.replaceGrants(user, id, body);
  }

  /** Disables the account and ends all its sessions at once. */
  @Roles('programme-lead')
  @Post(':id/deactivate')
  @HttpCode(HttpStatus.OK)
  deactivate(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<AdminUser> {
    return this.users.deactivate(user, id);
  }

  @Roles('programme-lead')
  @Post(':id/reactivate')
  @HttpCode(HttpStatus.OK)
  reactivate(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<AdminUser> {
    return this.users.reactivate(user, id);
  }
}

/** The audit log for programme leads, filtered to their scope: who did what, when, and which fields. */
@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly users: UserAdminService) {}

  @Roles('programme-lead')
  @Get()
  list(
    @Query() query: AuditEventQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Paged<AuditEventView>> {
    return this.users.auditEvents(user, query);
  }
}
