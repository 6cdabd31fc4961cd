import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CalendarQuery,
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
  SESSION_KINDS,
  SessionKind,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { trimUpper } from '../../../common/transforms';

export class CalendarQueryDto implements CalendarQuery {
  @ApiProperty({ example: '2027-03-01', description: 'First day (inclusive, London)' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2027-04-01', description: 'Day after the last (exclusive, London)' })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ example: 'QK1' })
  @IsOptional()
  @Transform(trimUpper)
  @IsString()
  @Matches(ODS_CODE_PATTERN, { message: `system must be the ODS code of an ICB: ${ODS_CODE_HINT}` })
  system?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be the id of a cohort' })
  cohortId?: string;

  @ApiPropertyOptional({ enum: SESSION_KINDS })
  @IsOptional()
  @IsIn(SESSION_KINDS, { message: `kind must be one of: ${SESSION_KINDS.join(', ')}` })
  kind?: SessionKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'facilitatorId must be the id of a facilitator' })
  facilitatorId?: string;
}

export class MySessionsQueryDto {
  @ApiPropertyOptional({ example: '2027-03-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2028-03-01' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
