import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { SeriesEntity } from './series.entity';
import { SessionEntity } from './session.entity';

export interface SeriesWithCount {
  series: SeriesEntity;
  sessionCount: number;
}

@Injectable()
export class SeriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    series: Partial<SeriesEntity>,
    sessions: Partial<SessionEntity>[],
    manager: EntityManager,
  ): Promise<SeriesEntity> {
    const saved = await manager.save(SeriesEntity, manager.create(SeriesEntity, series));
    if (sessions.length > 0)
      await manager.insert(
        SessionEntity,
        sessions.map((session) => ({ ...session, seriesId: saved.id, cohortId: null })),
      );
    return saved;
  }

  /** Every series (`systemIds` null), or those of these systems and those for the whole region (no system). */
  async list(systemIds: string[] | null): Promise<SeriesWithCount[]> {
    const series = await this.dataSource.getRepository(SeriesEntity).find({
      where: systemIds === null ? {} : [{ systemId: IsNull() }, { systemId: In(systemIds) }],
      relations: { system: true },
      order: { startDate: 'ASC', title: 'ASC' },
    });
    const counts = (await this.dataSource.query(
      `SELECT series_id AS "seriesId", count(*)::int AS count FROM session WHERE series_id IS NOT NULL GROUP BY series_id`,
    )) as {
      seriesId: string;
      count: number;
    }[];
    const byId = new Map(counts.map((row) => [row.seriesId, row.count]));
    return series.map((entity) => ({ series: entity, sessionCount: byId.get(entity.id) ?? 0 }));
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
