import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AssignFacilitatorsRequest,
  CancelSessionRequest,
  CohortScheduleRequest,
  CreateCohortRequest,
  MoveSessionRequest,
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
  UpdateSessionPlaceRequest,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { trim, trimUpper } from '../../../common/transforms';

export class CohortScheduleDto implements CohortScheduleRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programmeId must be the id of a programme' })
  programmeId: string;

  @ApiProperty({ example: '2027-03-25' })
  @IsCalendarDate()
  startDate: string;
}

export class CreateCohortDto extends CohortScheduleDto implements CreateCohortRequest {
  @ApiProperty({ example: 'LLR cohort 12 (spring 2027)' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 24 })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1)
  @Max(500)
  capacity: number;

  @ApiProperty({ example: 'QK1' })
  @Transform(trimUpper)
  @IsString()
  @Matches(ODS_CODE_PATTERN, { message: `systemOdsCode must be the ODS code of an ICB: ${ODS_CODE_HINT}` })
  systemOdsCode: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  venue?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'venueId must be the id of a venue' })
  venueId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Workshop facilitators; the first listed leads' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'facilitatorIds must each be the id of a facilitator' })
  facilitatorIds?: string[];

  @ApiPropertyOptional({ example: 'https://teams.microsoft.com/l/meetup-join/…', nullable: true })
  @ValidateIf((_object, value) => value !== null && value !== undefined && value !== '')
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'joinUrl must be an https:// link' })
  @MaxLength(500)
  joinUrl?: string | null;
}

export class AssignFacilitatorsDto implements AssignFacilitatorsRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'facilitatorIds must each be the id of a facilitator' })
  facilitatorIds: string[];
}

export class UpdateSessionPlaceDto implements UpdateSessionPlaceRequest {
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'venueId must be the id of a venue' })
  venueId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_object, value) => value !== null && value !== undefined && value !== '')
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'joinUrl must be an https:// link' })
  @MaxLength(500)
  joinUrl?: string | null;
}

export class CancelSessionDto implements CancelSessionRequest {
  @ApiProperty({ example: 'Venue flooded' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(500)
  reason: string;
}

export class MoveSessionDto implements MoveSessionRequest {
  @ApiProperty({ example: '2027-04-22T10:00:00+01:00' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time with offset' })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'startsAt must include a time and an offset, e.g. 2027-04-22T10:00:00+01:00',
  })
  startsAt: string;

  @ApiProperty({ example: '2027-04-22T11:30:00+01:00' })
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time with offset' })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'endsAt must include a time and an offset, e.g. 2027-04-22T11:30:00+01:00',
  })
  endsAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
