import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, RegisterRequest } from '@upstand/contracts';
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

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

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
}
