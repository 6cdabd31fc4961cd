import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Venue } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CreateVenueDto, UpdateVenueDto } from './dto/venue.dto';
import { VenuesService } from './venues.service';
import { uuidParam } from '../../common/params';

/**
 * Venues are not scoped by system (issue 10 decision): they are shared reference data across the region (a room,
 * its address, capacity and access notes; nothing about people), workshops of one system are often held in
 * another system's buildings, and a clash check needs every booking of a room whoever made it. So every lead
 * and facilitator sees them all and any lead may add or correct one, as before; the sessions booked into a venue
 * stay scoped by their cohort's system.
 */
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
