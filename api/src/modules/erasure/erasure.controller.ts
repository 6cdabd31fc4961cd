import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ErasureRequestSummary, ErasureResult, MyErasureRequest } from '@upstand/contracts';
import { Authenticated, CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { uuidParam } from '../../common/params';
import { ErasureService } from './erasure.service';

/** Full paths: `/api/users` belongs to the users module; only the erase action lives here. */
@ApiTags('data protection')
@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  /** The signed-in person's open request, if any. */
  @Authenticated()
  @Get('me/erasure-request')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyErasureRequest> {
    return this.erasure.myRequest(user.id);
  }

  /** Anyone signed in may ask for their own data to be erased; asking again keeps the first request. */
  @Authenticated()
  @Post('me/erasure-request')
  @HttpCode(202)
  ask(@CurrentUser() user: AuthenticatedUser): Promise<MyErasureRequest> {
    return this.erasure.request(user);
  }

  /** Open requests from people in the lead's scope. */
  @Roles('programme-lead')
  @Get('erasure-requests')
  open(@CurrentUser() user: AuthenticatedUser): Promise<ErasureRequestSummary[]> {
    return this.erasure.openRequests(user);
  }

  /** Anonymises the person (see ErasureRepository); 404 outside the lead's scope; erasing again is harmless. */
  @Roles('programme-lead')
  @Post('users/:id/erase')
  @HttpCode(200)
  erase(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ErasureResult> {
    return this.erasure.erase(id, user);
  }
}
