import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateFacilitatorRequest,
  FACILITATOR_LEVELS,
  FacilitatorLevel,
  SESSION_KINDS,
  SessionKind,
  UpdateFacilitatorRequest,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { trimLower } from '../../../common/transforms';

export class CreateFacilitatorDto implements CreateFacilitatorRequest {
  @ApiProperty({ example: 'facilitator@demo.upstand.test' })
  @Transform(trimLower)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ enum: FACILITATOR_LEVELS })
  @IsIn(FACILITATOR_LEVELS, { message: `level must be one of: ${FACILITATOR_LEVELS.join(', ')}` })
  level: FacilitatorLevel;

  @ApiProperty({ enum: SESSION_KINDS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(SESSION_KINDS, {
    each: true,
    message: `sessionKinds must each be one of: ${SESSION_KINDS.join(', ')}`,
  })
  sessionKinds: SessionKind[];
}

export class UpdateFacilitatorDto implements UpdateFacilitatorRequest {
  @ApiPropertyOptional({ enum: FACILITATOR_LEVELS })
  @IsOptional()
  @IsIn(FACILITATOR_LEVELS, { message: `level must be one of: ${FACILITATOR_LEVELS.join(', ')}` })
  level?: FacilitatorLevel;

  @ApiPropertyOptional({ enum: SESSION_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SESSION_KINDS, {
    each: true,
    message: `sessionKinds must each be one of: ${SESSION_KINDS.join(', ')}`,
  })
  sessionKinds?: SessionKind[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: ['2027-04-22'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @ArrayUnique()
  @IsCalendarDate({ each: true, message: 'unavailableDates must each be a date written YYYY-MM-DD' })
  unavailableDates?: string[];
}
