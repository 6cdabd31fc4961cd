import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ActivateRequest,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RegisterRequest,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../../common/transforms';

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'alex.smith@nhs.net' })
  @Transform(trim)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ example: 'Alex Smith' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'fullName must not be empty' })
  @MaxLength(200)
  @Matches(/^[^<>]*$/, { message: 'fullName must not contain < or >' })
  fullName: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be the id of an organisation' })
  organisationId?: string | null;

  @ApiPropertyOptional({ example: '/cohorts/open', nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnUrl?: string | null;
}

/** A password someone chooses (activation, set-password links): the one place its rules are written. */
export class NewPasswordDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class ActivateDto extends NewPasswordDto implements ActivateRequest {
  @ApiProperty({ description: 'The token from the emailed link (…/activate?token=…)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'token must be the token from the emailed link' })
  token: string;
}
