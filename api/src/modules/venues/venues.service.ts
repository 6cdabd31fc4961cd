import { Injectable } from '@nestjs/common';
import { Venue } from '@upstand/contracts';
import { NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { CreateVenueDto, UpdateVenueDto } from './dto/venue.dto';
import { VenueEntity } from './venue.entity';
import { VenuesRepository } from './venues.repository';

export const toVenue = ({ id, name, address, capacity, accessibilityNotes }: VenueEntity): Venue => ({
  id,
  name,
  address,
  capacity,
  accessibilityNotes,
});

@Injectable()
export class VenuesService {
  constructor(
    private readonly repository: VenuesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Venue[]> {
    return (await this.repository.list()).map(toVenue);
  }

  async create(request: CreateVenueDto, actorUserId: string): Promise<Venue> {
    const venue = await this.repository.save({
      ...request,
      accessibilityNotes: request.accessibilityNotes ?? null,
    });
    await this.audit.record({
      actorUserId,
      action: 'venue.created',
      entityType: 'venue',
      entityId: venue.id,
    });
    return toVenue(venue);
  }

  async update(id: string, request: UpdateVenueDto, actorUserId: string): Promise<Venue> {
    const venue = await this.repository.findById(id);
    if (!venue) throw new NotFoundError('Venue', id);
    const saved = await this.repository.save({ ...venue, ...request });
    await this.audit.record({
      actorUserId,
      action: 'venue.updated',
      entityType: 'venue',
      entityId: id,
      details: { fields: AuditService.changedFields(venue, request) },
    });
    return toVenue(saved);
  }
}
