import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DelegateProfileEntity } from './delegate-profile.entity';
import { EqualityMonitoringEntity } from './equality-monitoring.entity';

@Injectable()
export class DelegatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findProfile(userId: string): Promise<DelegateProfileEntity | null> {
    return this.dataSource.getRepository(DelegateProfileEntity).findOne({ where: { userId } });
  }

  saveProfile(
    profile: Omit<DelegateProfileEntity, 'updatedAt' | 'user'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DelegateProfileEntity> {
    return manager.save(DelegateProfileEntity, manager.create(DelegateProfileEntity, profile));
  }

  findEquality(userId: string): Promise<EqualityMonitoringEntity | null> {
    return this.dataSource.getRepository(EqualityMonitoringEntity).findOne({ where: { userId } });
  }

  saveEquality(
    answers: Omit<EqualityMonitoringEntity, 'updatedAt' | 'user'>,
  ): Promise<EqualityMonitoringEntity> {
    return this.dataSource.getRepository(EqualityMonitoringEntity).save(answers);
  }

  async deleteEquality(userId: string): Promise<void> {
    await this.dataSource.getRepository(EqualityMonitoringEntity).delete({ userId });
  }
}
