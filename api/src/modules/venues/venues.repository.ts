import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { VenueEntity } from './venue.entity';

@Injectable()
export class VenuesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<VenueEntity[]> {
    return this.dataSource.getRepository(VenueEntity).find({ order: { name: 'ASC' } });
  }

  findById(id: string): Promise<VenueEntity | null> {
    return this.dataSource.getRepository(VenueEntity).findOne({ where: { id } });
  }

  save(venue: Partial<VenueEntity>, manager: EntityManager = this.dataSource.manager): Promise<VenueEntity> {
    return manager.save(VenueEntity, manager.create(VenueEntity, venue));
  }
}
