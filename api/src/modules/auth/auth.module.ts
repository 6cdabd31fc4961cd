import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { OrganisationsModule } from '../organisations/organisations.module';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [UsersModule, OrganisationsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsRepository,
    PasswordHasher,
    LoginThrottle,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [PasswordHasher, AuthService],
})
export class AuthModule {}
