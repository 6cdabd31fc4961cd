import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateSeriesRequest,
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
  SESSION_KINDS,
  SessionKind,
  SessionMode,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { trim, trimUpper } from '../../../common/transforms';

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateSeriesDto implements CreateSeriesRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programmeId must be the id of a programme' })
  programmeId: string;

  @ApiProperty({ enum: SESSION_KINDS, example: 'community-of-practice' })
  @IsIn(SESSION_KINDS, { message: `kind must be one of: ${SESSION_KINDS.join(', ')}` })
  kind: SessionKind;

  @ApiProperty({ example: 'Community of Practice coffee catch-up' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: ['in-person', 'virtual'] })
  @IsIn(['in-person', 'virtual'], { message: 'mode must be in-person or virtual' })
  mode: SessionMode;

  @ApiPropertyOptional({ example: 'QK1', nullable: true })
  @IsOptional()
  @Transform(trimUpper)
  @Matches(ODS_CODE_PATTERN, { message: `systemOdsCode must be the ODS code of an ICB: ${ODS_CODE_HINT}` })
  systemOdsCode?: string | null;

  @ApiProperty({ example: '2027-01-06' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: '12:30' })
  @Matches(WALL_TIME, { message: 'startTime must be a time written HH:MM' })
  startTime: string;

  @ApiProperty({ example: '13:30' })
  @Matches(WALL_TIME, { message: 'endTime must be a time written HH:MM' })
  endTime: string;

  @ApiProperty({ example: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=12' })
  @IsString()
  @MaxLength(300)
  rrule: string;

  @ApiPropertyOptional({ example: ['2027-08-04'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsCalendarDate({ each: true, message: 'exceptions must each be a date written YYYY-MM-DD' })
  exceptions?: string[];

  @ApiPropertyOptional({ enum: ['keep', 'skip', 'next-working-day'] })
  @IsOptional()
  @IsIn(['keep', 'skip', 'next-working-day'], {
    message: 'onBankHoliday must be keep, skip or next-working-day',
  })
  onBankHoliday?: 'keep' | 'skip' | 'next-working-day';

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_object, value) => value !== null && value !== undefined && value !== '')
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'joinUrl must be an https:// link' })
  @MaxLength(500)
  joinUrl?: string | null;
}
