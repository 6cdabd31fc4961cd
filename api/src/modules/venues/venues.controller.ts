import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Venue } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CreateVenueDto, UpdateVenueDto } from './dto/venue.dto';
import { VenuesService } from './venues.service';
import { uuidParam } from '../../common/params';

@ApiTags('venues')
@Controller('venues')
export class VenuesController {
  constructor(private readonly venues: VenuesService) {}

  @Roles('programme-lead', 'facilitator')
  @Get()
  list(): Promise<Venue[]> {
    return this.venues.list();
  }

  @Roles('programme-lead')
  @Post()
  create(@Body() body: CreateVenueDto, @CurrentUser() user: AuthenticatedUser): Promise<Venue> {
    return this.venues.create(body, user.id);
  }

  @Roles('programme-lead')
  @Patch(':id')
  update(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateVenueDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Venue> {
    return this.venues.update(id, body, user.id);
  }
}
