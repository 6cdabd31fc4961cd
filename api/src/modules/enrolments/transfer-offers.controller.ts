import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TransferOffer } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { uuidParam } from '../../common/params';
import { TransferOffersService } from './transfer-offers.service';

/** Transfers between systems waiting for the receiving leads (see TransferOffersService). */
@ApiTags('enrolments')
@Controller('transfer-offers')
export class TransferOffersController {
  constructor(private readonly offers: TransferOffersService) {}

  /** Offers into or out of the systems the lead's grant reaches, those waiting for an answer first. */
  @Roles('programme-lead')
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<TransferOffer[]> {
    return this.offers.list(user);
  }

  /** For a lead whose grant reaches the receiving cohort: the delegate moves now (409 if anything changed). */
  @Roles('programme-lead')
  @Post(':id/accept')
  @HttpCode(HttpStatus.OK)
  accept(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<TransferOffer> {
    return this.offers.accept(id, user);
  }

  @Roles('programme-lead')
  @Post(':id/decline')
  @HttpCode(HttpStatus.OK)
  decline(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TransferOffer> {
    return this.offers.decline(id, user);
  }

  /** For a lead whose grant reaches the sending cohort, while nobody has answered. */
  @Roles('programme-lead')
  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  withdraw(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TransferOffer> {
    return this.offers.withdraw(id, user);
  }
}
