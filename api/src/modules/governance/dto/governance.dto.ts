import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_OWNER_MAX_LENGTH,
  ACTION_STATUSES,
  ACTION_TEXT_MAX_LENGTH,
  ActionStatus,
  CreateActionRequest,
  CreateReviewRequest,
  EVIDENCE_MAX_LENGTH,
  FRAMEWORK_AREA_KEYS,
  FrameworkArea,
  RAG_RATINGS,
  RagRating,
  RateAreaRequest,
  REVIEW_LABEL_MAX_LENGTH,
  UpdateActionRequest,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { trim } from '../../../common/transforms';

export class CreateReviewDto implements CreateReviewRequest {
  @ApiProperty({ example: '2024 Q1' })
  @Transform(trim)
  @IsString({ message: 'label must be text' })
  @MinLength(1, { message: 'label must not be empty' })
  @MaxLength(REVIEW_LABEL_MAX_LENGTH, {
    message: `label must be ${REVIEW_LABEL_MAX_LENGTH} characters or fewer`,
  })
  label: string;

  @ApiProperty({ example: '2024-01-01' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ example: '2024-03-31' })
  @IsCalendarDate()
  periodEnd: string;
}

export class RateAreaDto implements RateAreaRequest {
  @ApiProperty({ enum: RAG_RATINGS })
  @IsIn(RAG_RATINGS, { message: `rating must be one of: ${RAG_RATINGS.join(', ')}` })
  rating: RagRating;

  @ApiProperty({ example: 'Attendance at action learning sets rose from 61% to 78%.' })
  @Transform(trim)
  @IsString({ message: 'evidence must be text' })
  @MinLength(1, { message: 'evidence must not be empty' })
  @MaxLength(EVIDENCE_MAX_LENGTH, { message: `evidence must be ${EVIDENCE_MAX_LENGTH} characters or fewer` })
  evidence: string;
}

const ACTION_TEXT = {
  message: `action must be ${ACTION_TEXT_MAX_LENGTH} characters or fewer`,
};
const OWNER_TEXT = {
  message: `owner must be ${ACTION_OWNER_MAX_LENGTH} characters or fewer`,
};

export class CreateActionDto implements CreateActionRequest {
  @ApiProperty({ example: 'Offer an evening workshop for night-shift staff' })
  @Transform(trim)
  @IsString({ message: 'action must be text' })
  @MinLength(1, { message: 'action must not be empty' })
  @MaxLength(ACTION_TEXT_MAX_LENGTH, ACTION_TEXT)
  action: string;

  @ApiProperty({ example: 'Programme lead' })
  @Transform(trim)
  @IsString({ message: 'owner must be text' })
  @MinLength(1, { message: 'owner must not be empty' })
  @MaxLength(ACTION_OWNER_MAX_LENGTH, OWNER_TEXT)
  owner: string;

  @ApiProperty({ example: '2024-06-30' })
  @IsCalendarDate()
  dueDate: string;

  @ApiPropertyOptional({ enum: FRAMEWORK_AREA_KEYS, nullable: true })
  @IsOptional()
  @IsIn(FRAMEWORK_AREA_KEYS, { message: 'area must be one of the 16 framework areas' })
  area?: FrameworkArea | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'reviewId must be a UUID' })
  reviewId?: string | null;
}

/** A field left out is unchanged; null is not a value any of them can take. */
const present = (_: object, value: unknown) => value !== undefined;

export class UpdateActionDto implements UpdateActionRequest {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString({ message: 'action must be text' })
  @MinLength(1, { message: 'action must not be empty' })
  @MaxLength(ACTION_TEXT_MAX_LENGTH, ACTION_TEXT)
  action?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString({ message: 'owner must be text' })
  @MinLength(1, { message: 'owner must not be empty' })
  @MaxLength(ACTION_OWNER_MAX_LENGTH, OWNER_TEXT)
  owner?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @ValidateIf(present)
  @IsIn(ACTION_STATUSES, { message: `status must be one of: ${ACTION_STATUSES.join(', ')}` })
  status?: ActionStatus;
}

export class ActionsQueryDto {
  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES, { message: `status must be one of: ${ACTION_STATUSES.join(', ')}` })
  status?: ActionStatus;
}
