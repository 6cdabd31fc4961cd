import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AuditEventQuery,
  GrantRequest,
  InviteUserRequest,
  ReplaceGrantsRequest,
  Role,
  ROLES,
  UserQuery,
} from '@upstand/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { PageQueryDto } from '../../../common/paging';
import { trim, trimUpper } from '../../../common/transforms';

const ODS_CODE = /^[A-Z0-9]{3,6}$/;

/**
 * `{region: "Y60"}`, `{system: "QWU"}` or `{organisation: "RWE"}`: that exactly one is given is checked by the
 * service, which names the grant's `scope` field.
 */
export class GrantScopeDto {
  @ApiPropertyOptional({ example: 'Y60' })
  @IsOptional()
  @Transform(trimUpper)
  @Matches(ODS_CODE, { message: 'region must be an ODS code like Y60' })
  region?: string;

  @ApiPropertyOptional({ example: 'QWU', description: 'The ODS code of an integrated care board' })
  @IsOptional()
  @Transform(trimUpper)
  @Matches(ODS_CODE, { message: 'system must be the ODS code of an integrated care board, like QWU' })
  system?: string;

  @ApiPropertyOptional({ example: 'RWE' })
  @IsOptional()
  @Transform(trimUpper)
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code like RWE' })
  organisation?: string;
}

export class GrantDto implements GrantRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ type: GrantScopeDto, nullable: true })
  @IsOptional()
  @IsObject({ message: 'scope must be an object like {"system": "QWU"}' })
  @ValidateNested()
  @Type(() => GrantScopeDto)
  scope?: GrantScopeDto | null;
}

export class ReplaceGrantsDto implements ReplaceGrantsRequest {
  @ApiProperty({ type: [GrantDto] })
  @IsArray({ message: 'grants must be a list' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GrantDto)
  grants: GrantDto[];
}

export class InviteUserDto extends ReplaceGrantsDto implements InviteUserRequest {
  @ApiProperty({ example: 'alex.smith@nhs.net' })
  @Transform(trim)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ example: 'Alex Smith' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'fullName must not be empty' })
  @MaxLength(200)
  @Matches(/^[^<>]*$/, { message: 'fullName must not contain < or >' })
  fullName: string;
}

/** Part of a name or email address, a page and a page size (the shared paging rules). */
export class UserQueryDto extends PageQueryDto implements UserQuery {}

export class AuditEventQueryDto implements AuditEventQuery {
  @ApiPropertyOptional({ description: 'Part of a name or email address, or a user id' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'user.invited' })
  @IsOptional()
  @Transform(trim)
  @Matches(/^[a-z0-9._-]{1,64}$/, { message: 'action must be an action name like user.invited' })
  action?: string;

  @ApiPropertyOptional({ example: '2027-01-31', description: 'First London day to include' })
  @IsOptional()
  @IsCalendarDate({ message: 'from must be a date like 2027-01-31' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-31', description: 'Last London day to include' })
  @IsOptional()
  @IsCalendarDate({ message: 'to must be a date like 2027-01-31' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(100_000)
  page?: number;
}
