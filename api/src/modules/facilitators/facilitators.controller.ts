import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Facilitator, FacilitatorCandidate } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CreateFacilitatorDto, UpdateFacilitatorDto } from './dto/facilitator.dto';
import { FacilitatorsService } from './facilitators.service';
import { uuidParam } from '../../common/params';

@ApiTags('facilitators')
@Controller('facilitators')
export class FacilitatorsController {
  constructor(private readonly facilitators: FacilitatorsService) {}

  @Roles('programme-lead', 'facilitator')
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<Facilitator[]> {
    return this.facilitators.list(user);
  }

  /** Completing train-the-trainer makes a person a co-facilitator candidate. */
  @Roles('programme-lead')
  @Get('candidates')
  candidates(@CurrentUser() user: AuthenticatedUser): Promise<FacilitatorCandidate[]> {
    return this.facilitators.candidates(user);
  }

  @Roles('programme-lead')
  @Post()
  create(@Body() body: CreateFacilitatorDto, @CurrentUser() user: AuthenticatedUser): Promise<Facilitator> {
    return this.facilitators.create(body, user);
  }

  @Roles('programme-lead')
  @Patch(':id')
  update(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateFacilitatorDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Facilitator> {
    return this.facilitators.update(id, body, user);
  }
}
