import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { OidcClient } from './oidc-client';
import { IdentitiesController, SsoController } from './sso.controller';
import { SsoRepository } from './sso.repository';
import { SsoService } from './sso.service';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [SsoController, IdentitiesController],
  providers: [OidcClient, SsoRepository, SsoService],
})
export class SsoModule {}
