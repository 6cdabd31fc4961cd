import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CompletionRule,
  CreateProgrammeRequest,
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
  SESSION_KINDS,
  SessionKind,
  SessionMode,
  SpacingRuleBody,
  TemplateStageBody,
  UpdateProgrammeSettingsRequest,
  UpdateTemplateRequest,
} from '@upstand/contracts';
import { registerDecorator } from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { trimUpper } from '../../../common/transforms';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const SPACING_KINDS = [
  'start',
  'next-working-day',
  'weeks-after-previous-stage',
  'monthly-same-weekday',
] as const;

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

/** { kind: 'all' | positive whole number } for known session kinds. */
function IsCompletionRule() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCompletionRule',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must map session kinds (${SESSION_KINDS.join(', ')}) to "all" or a whole number of sessions`,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length > 0 &&
          Object.entries(value).every(
            ([kind, needed]) =>
              (SESSION_KINDS as readonly string[]).includes(kind) &&
              (needed === 'all' ||
                (Number.isInteger(needed) && (needed as number) >= 1 && (needed as number) <= 50)),
          ),
      },
    });
}

export class UpdateTemplateDto implements UpdateTemplateRequest {
  @ApiProperty({ type: [TemplateStageDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TemplateStageDto)
  stages: TemplateStageDto[];

  @ApiPropertyOptional({ example: { workshop: 'all', 'action-learning-set': 4 } })
  @IsOptional()
  @IsCompletionRule()
  completionRule?: CompletionRule;
}

export class CreateProgrammeDto implements CreateProgrammeRequest {
  @ApiProperty({ example: 'Senior leadership development' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be empty' })
  name: string;

  @ApiPropertyOptional({ type: [TemplateStageDto] })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TemplateStageDto)
  stages?: TemplateStageDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsCompletionRule()
  completionRule?: CompletionRule;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  requiresManagerApproval?: boolean;

  @ApiPropertyOptional({
    example: 'QWU',
    description: 'The ICB the programme is for; leave out for regional',
  })
  @IsOptional()
  @Transform(trimUpper)
  @IsString()
  @Matches(ODS_CODE_PATTERN, { message: `systemOdsCode must be the ODS code of an ICB: ${ODS_CODE_HINT}` })
  systemOdsCode?: string;
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

  @IsOptional()
  @IsBoolean()
  anonymousEvaluation?: boolean;

  /** Switch anonymousEvaluation even though earlier questionnaire responses will no longer pair with later ones. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  confirmPairingBreak?: boolean;
}
