import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SecondFactorModule } from '../second-factor/second-factor.module';
import { PendingLoginsRepository } from './pending-logins.repository';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PasswordLinkMinters } from './password-link-minters';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { PasswordResetThrottle } from './password-reset-throttle';
import { SecretGuessingInterceptor } from './secret-guessing.interceptor';
import { PendingRegistrationsRepository } from './pending-registrations.repository';
import { RegistrationService } from './registration.service';
import { SessionsRepository } from './sessions.repository';
import { ThrottleRepository } from './throttle.repository';
import { TrustedDevicesRepository } from './trusted-devices.repository';

@Module({
  imports: [UsersModule, OrganisationsModule, SecondFactorModule],
  controllers: [AuthController, PasswordResetController],
  providers: [
    AuthService,
    SessionsRepository,
    PasswordHasher,
    LoginThrottle,
    PasswordResetService,
    PasswordResetRepository,
    PasswordResetThrottle,
    PasswordLinkMinters,
    ThrottleRepository,
    RegistrationService,
    PendingRegistrationsRepository,
    TrustedDevicesRepository,
    PendingLoginsRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: SecretGuessingInterceptor },
  ],
  exports: [PasswordHasher, AuthService, PasswordResetService],
})
export class AuthModule {}
