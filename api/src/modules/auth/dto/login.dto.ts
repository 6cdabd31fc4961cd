import { ApiProperty } from '@nestjs/swagger';
import { LoginRequest, PASSWORD_MAX_LENGTH } from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../../common/transforms';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'lead@demo.upstand.test' })
  @Transform(trim)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ example: 'upstand-demo' })
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
