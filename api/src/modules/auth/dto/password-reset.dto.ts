import { ApiProperty } from '@nestjs/swagger';
import { PasswordResetCompleteRequest, PasswordResetRequest } from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { trim } from '../../../common/transforms';
import { NewPasswordDto } from './register.dto';

export class PasswordResetRequestDto implements PasswordResetRequest {
  @ApiProperty({ example: 'delegate@demo.upstand.test' })
  @Transform(trim)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;
}

/** The password follows the one set of rules for a chosen password (NewPasswordDto). */
export class PasswordResetCompleteDto extends NewPasswordDto implements PasswordResetCompleteRequest {
  @ApiProperty({ description: 'The token from the emailed link (…/reset-password?token=…)' })
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'token must be the token from the emailed link' })
  token: string;
}
