import { ApiProperty } from '@nestjs/swagger';
import { SESSION_KINDS, SessionKind, SessionMode, SpacingRuleBody, TemplateStageBody, UpdateProgrammeSettingsRequest } from '@upstand/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const SPACING_KINDS = ['start', 'next-working-day', 'weeks-after-previous-stage', 'monthly-same-weekday'] as const;

export class SpacingRuleDto {
  @IsIn(SPACING_KINDS, { message: `kind must be one of: ${SPACING_KINDS.join(', ')}` })
  kind: SpacingRuleBody['kind'];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  weeks?: number;

  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'stageKey must be the key of an earlier stage' })
  stageKey?: string;

  @IsOptional()
  @IsIn(['first-session', 'last-session'], { message: 'from must be first-session or last-session' })
  from?: 'first-session' | 'last-session';
}

export class TemplateStageDto implements TemplateStageBody {
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'key must be 1 to 40 lower-case letters, digits or hyphens' })
  key: string;

  @IsString()
  @MaxLength(200)
  title: string;

  @IsIn(SESSION_KINDS, { message: `kind must be one of: ${SESSION_KINDS.join(', ')}` })
  kind: SessionKind;

  @IsInt()
  @Min(1)
  @Max(24)
  sessionCount: number;

  @IsIn(['in-person', 'virtual'], { message: 'mode must be in-person or virtual' })
  mode: SessionMode;

  @Matches(WALL_TIME, { message: 'startTime must be a time written HH:MM' })
  startTime: string;

  @Matches(WALL_TIME, { message: 'endTime must be a time written HH:MM' })
  endTime: string;

  @IsObject()
  @ValidateNested()
  @Type(() => SpacingRuleDto)
  firstSession: SpacingRuleBody;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpacingRuleDto)
  thenEvery?: SpacingRuleBody;
}

export class UpdateTemplateDto {
  @ApiProperty({ type: [TemplateStageDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TemplateStageDto)
  stages: TemplateStageDto[];
}

export class UpdateProgrammeSettingsDto implements UpdateProgrammeSettingsRequest {
  @IsOptional()
  @IsBoolean()
  requiresManagerApproval?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  offerHoldHours?: number;
}
