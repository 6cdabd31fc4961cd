import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AddDelegateRequest,
  BULK_MAX,
  BulkTransferRequest,
  BulkWithdrawRequest,
  COHORT_CAPACITY_MAX,
  COHORT_CAPACITY_MIN,
  COHORT_NAME_MAX_LENGTH,
  CohortEnrolmentQuery,
  ENROLMENT_STATUSES,
  EnrolmentStatus,
  UpdateCohortRequest,
  WITHDRAWAL_REASON_MAX_LENGTH,
  WithdrawRequest,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/paging';
import { trim } from '../../../common/transforms';

export class UpdateCohortDto implements UpdateCohortRequest {
  @ApiPropertyOptional({ example: 'LLR cohort 12 (spring 2027)' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(COHORT_NAME_MAX_LENGTH, {
    message: `name must be ${COHORT_NAME_MAX_LENGTH} characters or fewer`,
  })
  name?: string;

  @ApiPropertyOptional({ minimum: COHORT_CAPACITY_MIN, maximum: COHORT_CAPACITY_MAX })
  @IsOptional()
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(COHORT_CAPACITY_MIN, { message: `capacity must be ${COHORT_CAPACITY_MIN} or more` })
  @Max(COHORT_CAPACITY_MAX, { message: `capacity must be ${COHORT_CAPACITY_MAX} or fewer` })
  capacity?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'signupsOpen must be true or false' })
  signupsOpen?: boolean;
}

const UUIDS =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*$/i;

export class CohortEnrolmentQueryDto extends PageQueryDto implements CohortEnrolmentQuery {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES, { message: `status must be one of: ${ENROLMENT_STATUSES.join(', ')}` })
  status?: EnrolmentStatus;

  @ApiPropertyOptional({ description: `Comma-separated enrolment ids, at most ${BULK_MAX}` })
  @IsOptional()
  @IsString()
  @MaxLength(37 * BULK_MAX, { message: `ids may name at most ${BULK_MAX} enrolments` })
  @Matches(UUIDS, { message: 'ids must be enrolment ids separated by commas' })
  ids?: string;
}

export class PeopleQueryDto extends PageQueryDto {
  @ApiProperty({ description: 'Part of a name or email address (at least 2 characters)' })
  @Transform(trim)
  @IsString({ message: 'q must be text' })
  @MinLength(2, { message: 'q must be at least 2 characters: part of a name or email address' })
  @MaxLength(200)
  declare q: string;
}

export class AddDelegateDto implements AddDelegateRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing account' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be the id of a person' })
  userId?: string;

  @ApiPropertyOptional({ example: 'alex.smith@nhs.net', description: 'A new person to invite' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(320, { message: 'email must be 320 characters or fewer' })
  @IsEmail({}, { message: 'email must be an email address, like name@nhs.net' })
  email?: string;

  @ApiPropertyOptional({ example: 'Alex Smith' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'fullName must not be empty' })
  @MaxLength(200, { message: 'fullName must be 200 characters or fewer' })
  @Matches(/^[^<>]*$/, { message: 'fullName must not contain < or >' })
  fullName?: string;
}

export class WithdrawDto implements WithdrawRequest {
  @ApiPropertyOptional({ maxLength: WITHDRAWAL_REASON_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'reason must be text' })
  @MaxLength(WITHDRAWAL_REASON_MAX_LENGTH, {
    message: `reason must be ${WITHDRAWAL_REASON_MAX_LENGTH} characters or fewer`,
  })
  reason?: string;
}

class BulkDto {
  @ApiProperty({ type: [String], maxItems: BULK_MAX })
  @IsArray({ message: 'enrolmentIds must be a list' })
  @ArrayMinSize(1, { message: 'Select at least one delegate' })
  @ArrayMaxSize(BULK_MAX, { message: `Select at most ${BULK_MAX} delegates at once` })
  @ArrayUnique({ message: 'enrolmentIds must not repeat' })
  @IsUUID('all', { each: true, message: 'enrolmentIds must be enrolment ids' })
  enrolmentIds: string[];
}

export class BulkWithdrawDto extends BulkDto implements BulkWithdrawRequest {
  @ApiProperty({ maxLength: WITHDRAWAL_REASON_MAX_LENGTH })
  @Transform(trim)
  @IsString({ message: 'reason must be text' })
  @MinLength(1, { message: 'Give a reason for withdrawing them' })
  @MaxLength(WITHDRAWAL_REASON_MAX_LENGTH, {
    message: `reason must be ${WITHDRAWAL_REASON_MAX_LENGTH} characters or fewer`,
  })
  reason: string;
}

export class BulkTransferDto extends BulkDto implements BulkTransferRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'cohortId must be the id of a cohort' })
  cohortId: string;
}
