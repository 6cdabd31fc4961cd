import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EvaluationAnswer,
  InstrumentItem,
  ITEM_SHORT_LABEL_MAX_LENGTH,
  ITEM_TYPES,
  ItemType,
  PublishInstrumentRequest,
  SubmitEvaluationRequest,
  SubmitSessionFeedbackRequest,
} from '@upstand/contracts';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class EvaluationAnswerDto implements EvaluationAnswer {
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'itemCode must be an item code such as confidence_intervene' })
  itemCode: string;

  /** Checked against the item's type by the service (number, text or null). */
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true })
  @Allow()
  value: number | string | null;
}

export class SubmitEvaluationDto implements SubmitEvaluationRequest {
  @ApiProperty({ type: [EvaluationAnswerDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => EvaluationAnswerDto)
  answers: EvaluationAnswerDto[];

  /** Required (and checked by the service) when the programme evaluates anonymously; ignored otherwise. */
  @ApiPropertyOptional({ example: 'MA07LE' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  selfGeneratedCode?: string;
}

export class SubmitSessionFeedbackDto implements SubmitSessionFeedbackRequest {
  @ApiProperty({ type: [EvaluationAnswerDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => EvaluationAnswerDto)
  answers: EvaluationAnswerDto[];
}

export class InstrumentItemDto implements InstrumentItem {
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'code must be 1 to 60 lower-case letters, digits or underscores' })
  code: string;

  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'wording must not be empty' })
  wording: string;

  /** Shown in charts and the board report instead of the wording. */
  @IsOptional()
  @IsString()
  @MaxLength(ITEM_SHORT_LABEL_MAX_LENGTH, {
    message: `shortLabel must be at most ${ITEM_SHORT_LABEL_MAX_LENGTH} characters`,
  })
  shortLabel?: string | null;

  @IsIn(ITEM_TYPES, { message: `type must be one of: ${ITEM_TYPES.join(', ')}` })
  type: ItemType;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Matches(/\S/, { each: true, message: 'options must not be empty' })
  options?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(60)
  construct?: string | null;

  @IsBoolean()
  required: boolean;

  @IsOptional()
  @IsBoolean()
  retrospective?: boolean;
}

export class PublishInstrumentDto implements PublishInstrumentRequest {
  @ApiPropertyOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'title must not be empty' })
  title: string;

  @ApiProperty({ type: [InstrumentItemDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InstrumentItemDto)
  items: InstrumentItemDto[];
}
