import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AFC_BANDS,
  AfcBand,
  AGE_BANDS,
  DelegateProfile,
  DISABILITY_ANSWERS,
  ETHNIC_CATEGORY_CODES,
  EqualityMonitoring,
  PAY_SCHEMES,
  PayScheme,
  SEX_ANSWERS,
  STAFF_GROUPS,
  StaffGroup,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { trim, trimLower } from '../../../common/transforms';

export class DelegateProfileDto implements DelegateProfile {
  @ApiProperty({ example: 'Staff nurse' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'jobTitle must not be empty' })
  @MaxLength(200)
  jobTitle: string;

  @ApiProperty({ enum: STAFF_GROUPS })
  @IsIn(STAFF_GROUPS, { message: 'staffGroup must be one of the ESR staff groups' })
  staffGroup: StaffGroup;

  @ApiProperty({ enum: PAY_SCHEMES })
  @IsIn(PAY_SCHEMES, { message: `payScheme must be one of: ${PAY_SCHEMES.join(', ')}` })
  payScheme: PayScheme;

  @ApiPropertyOptional({ enum: AFC_BANDS, nullable: true, description: 'Required for Agenda for Change' })
  @ValidateIf(
    (object: DelegateProfileDto) =>
      object.payScheme === 'agenda-for-change' || (object.payBand !== null && object.payBand !== undefined),
  )
  @IsIn(AFC_BANDS, {
    message: `payBand must be an Agenda for Change band: ${AFC_BANDS.join(', ')} (and only for Agenda for Change)`,
  })
  payBand: AfcBand | null;

  @ApiProperty({ example: 'Helen Carter' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'lineManagerName must not be empty' })
  @MaxLength(200)
  lineManagerName: string;

  @ApiProperty({ example: 'helen.carter@nhs.net' })
  @Transform(trimLower)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'lineManagerEmail must be an email address' })
  lineManagerEmail: string;
}

export class EqualityMonitoringDto implements EqualityMonitoring {
  @ApiPropertyOptional({ enum: ETHNIC_CATEGORY_CODES, nullable: true })
  @IsOptional()
  @IsIn(ETHNIC_CATEGORY_CODES, {
    message:
      'ethnicCategory must be an NHS Data Dictionary ethnic category code (A to S, or Z for prefer not to say)',
  })
  ethnicCategory: string | null;

  @ApiPropertyOptional({ enum: DISABILITY_ANSWERS, nullable: true })
  @IsOptional()
  @IsIn(DISABILITY_ANSWERS, { message: `disability must be one of: ${DISABILITY_ANSWERS.join(', ')}` })
  disability: EqualityMonitoring['disability'];

  @ApiPropertyOptional({ enum: SEX_ANSWERS, nullable: true })
  @IsOptional()
  @IsIn(SEX_ANSWERS, { message: `sex must be one of: ${SEX_ANSWERS.join(', ')}` })
  sex: EqualityMonitoring['sex'];

  @ApiPropertyOptional({ enum: AGE_BANDS, nullable: true })
  @IsOptional()
  @IsIn(AGE_BANDS, { message: `ageBand must be one of: ${AGE_BANDS.join(', ')}` })
  ageBand: EqualityMonitoring['ageBand'];
}
