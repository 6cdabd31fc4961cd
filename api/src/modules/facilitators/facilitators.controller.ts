import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Facilitator, FacilitatorCandidate } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import { CreateFacilitatorDto, UpdateFacilitatorDto } from './dto/facilitator.dto';
import { FacilitatorsService } from './facilitators.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => InvalidInputError.field('id', 'id must be a UUID') });

@ApiTags('facilitators')
@Controller('facilitators')
export class FacilitatorsController {
  constructor(private readonly facilitators: FacilitatorsService) {}

  @Roles('programme-lead', 'facilitator')
  @Get()
  list(): Promise<Facilitator[]> {
    return this.facilitators.list();
  }

  /** Completing train-the-trainer makes a person a co-facilitator candidate. */
  @Roles('programme-lead')
  @Get('candidates')
  candidates(): Promise<FacilitatorCandidate[]> {
    return this.facilitators.candidates();
  }

  @Roles('programme-lead')
  @Post()
  create(@Body() body: CreateFacilitatorDto, @CurrentUser() user: AuthenticatedUser): Promise<Facilitator> {
    return this.facilitators.create(body, user.id);
  }

  @Roles('programme-lead')
  @Patch(':id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateFacilitatorDto, @CurrentUser() user: AuthenticatedUser): Promise<Facilitator> {
    return this.facilitators.update(id, body, user.id);
  }
}
