import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrganisationQuery } from '@upstand/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { RegionEntity } from './region.entity';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (match) => `\\${match}`);

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  search(query: OrganisationQuery): Promise<OrganisationEntity[]> {
    const builder = this.dataSource
      .getRepository(OrganisationEntity)
      .createQueryBuilder('organisation')
      .innerJoinAndSelect('organisation.region', 'region')
      .leftJoinAndSelect('organisation.system', 'system')
      .orderBy('organisation.name', 'ASC');
    if (query.type) builder.andWhere('organisation.type = :type', { type: query.type });
    if (query.system) {
      builder.andWhere(
        `(system.odsCode = :system OR (organisation.type = 'icb' AND organisation.odsCode = :system))`,
        {
          system: query.system,
        },
      );
    }
    if (query.q) {
      builder.andWhere(`(organisation.name ILIKE :pattern OR organisation.odsCode ILIKE :pattern)`, {
        pattern: `%${escapeLike(query.q)}%`,
      });
    }
    if (!query.includeClosed)
      builder.andWhere('(organisation.validTo IS NULL OR organisation.validTo >= CURRENT_DATE)');
    return builder.getMany();
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganisationEntity | null> {
    return manager.findOne(OrganisationEntity, { where: { id }, relations: { region: true, system: true } });
  }

  findByOdsCodes(
    odsCodes: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationEntity[]> {
    if (odsCodes.length === 0) return Promise.resolve([]);
    return manager.find(OrganisationEntity, { where: { odsCode: In(odsCodes) } });
  }

  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(OrganisationEntity).exists({ where: { id } });
  }

  countMembers(systemId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(OrganisationEntity, { where: { systemId } });
  }

  findRegion(id: string, manager: EntityManager = this.dataSource.manager): Promise<RegionEntity | null> {
    return manager.findOne(RegionEntity, { where: { id } });
  }

  findRegionsByOdsCodes(odsCodes: string[]): Promise<RegionEntity[]> {
    if (odsCodes.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(RegionEntity).find({ where: { odsCode: In(odsCodes) } });
  }

  listRegions(): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({ order: { name: 'ASC' } });
  }

  async save(
    organisation: Partial<OrganisationEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationEntity> {
    return manager.save(OrganisationEntity, organisation);
  }

  countOrganisations(): Promise<number> {
    return this.dataSource.getRepository(OrganisationEntity).count();
  }

  async saveRegion(
    region: Partial<RegionEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RegionEntity> {
    return manager.save(RegionEntity, region);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
