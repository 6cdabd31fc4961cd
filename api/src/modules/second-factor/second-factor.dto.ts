import { ApiProperty } from '@nestjs/swagger';
import { SecondFactorCodeRequest, SecondFactorLoginRequest } from '@upstand/contracts';
import { IsString, Matches, MaxLength } from 'class-validator';

/** Six digits (spaces allowed) or a recovery code such as `k7pqx-m3nvt`. */
const CODE_PATTERN = /^[A-Za-z0-9 -]{6,20}$/;

export class SecondFactorCodeDto implements SecondFactorCodeRequest {
  @ApiProperty({
    example: '123456',
    description: 'A current code from the authenticator app, or a recovery code',
  })
  @IsString()
  @MaxLength(20)
  @Matches(CODE_PATTERN, { message: 'code must be the 6-digit code from your app or a recovery code' })
  code: string;
}

export class SecondFactorLoginDto extends SecondFactorCodeDto implements SecondFactorLoginRequest {
  @ApiProperty({ description: 'The token from POST /api/auth/login', example: 'q3Zb…' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a sign-in token' })
  token: string;
}
