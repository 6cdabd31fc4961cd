import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppFeatures } from '@upstand/contracts';
import { Public } from '../../common/auth/access.decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isDemoMailbox } from './mail-mode';

/** Public: the web reads this once at start-up to offer only what this installation has (e.g. the mailbox). */
@ApiTags('features')
@Controller('features')
export class FeaturesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  features(): AppFeatures {
    return {
      demoMailbox: isDemoMailbox(this.config),
      // Development databases get the synthetic pilot and demo journeys at start-up (never production).
      demoData: this.config.env === 'development' && !this.config.isProduction,
      serviceOwnerName: this.config.serviceOwner.name,
      serviceOwnerContact: this.config.serviceOwner.contact,
      sso: this.config.oidc ? { displayName: this.config.oidc.displayName } : null,
    };
  }
}
