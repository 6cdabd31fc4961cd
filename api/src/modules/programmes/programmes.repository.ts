import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompletionRule, DEFAULT_COMPLETION_RULE, TemplateStageBody } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { JourneyTemplateEntity } from './journey-template.entity';
import { ProgrammeEntity } from './programme.entity';

@Injectable()
export class ProgrammesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<ProgrammeEntity[]> {
    return this.dataSource
      .getRepository(ProgrammeEntity)
      .find({ order: { name: 'ASC' }, relations: { system: true } });
  }

  findByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<ProgrammeEntity[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : manager.getRepository(ProgrammeEntity).findBy(ids.map((id) => ({ id })));
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(ProgrammeEntity).existsBy({ id });
  }

  findById(id: string): Promise<ProgrammeEntity | null> {
    return this.dataSource
      .getRepository(ProgrammeEntity)
      .findOne({ where: { id }, relations: { system: true } });
  }

  /** The newest version of each programme's template, in one query. */
  async currentTemplates(
    programmeIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, JourneyTemplateEntity>> {
    if (programmeIds.length === 0) return new Map();
    const rows = await manager
      .getRepository(JourneyTemplateEntity)
      .createQueryBuilder('template')
      .distinctOn(['template.programmeId'])
      .where('template.programmeId IN (:...programmeIds)', { programmeIds })
      .orderBy('template.programmeId')
      .addOrderBy('template.version', 'DESC')
      .getMany();
    return new Map(rows.map((row) => [row.programmeId, row]));
  }

  async createProgramme(
    name: string,
    stages: TemplateStageBody[],
    manager: EntityManager,
    options: {
      completionRule?: CompletionRule;
      requiresManagerApproval?: boolean;
      createdByUserId?: string | null;
      /** The system (ICB) the programme is for; null or left out for a regional programme. */
      systemId?: string | null;
    } = {},
  ): Promise<ProgrammeEntity> {
    const programme = await manager.save(
      ProgrammeEntity,
      manager.create(ProgrammeEntity, {
        name: name.trim(),
        requiresManagerApproval: options.requiresManagerApproval ?? false,
        systemId: options.systemId ?? null,
      }),
    );
    await manager.save(
      JourneyTemplateEntity,
      manager.create(JourneyTemplateEntity, {
        programmeId: programme.id,
        version: 1,
        stages,
        completionRule: options.completionRule ?? DEFAULT_COMPLETION_RULE,
        createdByUserId: options.createdByUserId ?? null,
      }),
    );
    return programme;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Adds the next version, locking the programme row so two edits cannot take the same number. */
  async addTemplateVersion(
    programmeId: string,
    stages: TemplateStageBody[],
    completionRule: CompletionRule,
    userId: string,
  ): Promise<JourneyTemplateEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM programme WHERE id = $1 FOR UPDATE', [programmeId]);
      const [{ next }] = (await manager.query(
        'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM journey_template WHERE programme_id = $1',
        [programmeId],
      )) as [{ next: number }];
      return manager.save(
        JourneyTemplateEntity,
        manager.create(JourneyTemplateEntity, {
          programmeId,
          version: next,
          stages,
          completionRule,
          createdByUserId: userId,
        }),
      );
    });
  }

  async updateSettings(
    id: string,
    settings: Partial<
      Pick<ProgrammeEntity, 'requiresManagerApproval' | 'offerHoldHours' | 'anonymousEvaluation'>
    >,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (Object.keys(settings).length > 0) await manager.update(ProgrammeEntity, { id }, settings);
  }

  /**
   * Reads the programme's evaluation mode under a row lock: `update` to change the settings, `share` while a
   * questionnaire response is stored, so no response is stored in a mode that is being switched.
   */
  async lockEvaluationMode(
    id: string,
    manager: EntityManager,
    lock: 'update' | 'share' = 'update',
  ): Promise<boolean | null> {
    const [row] = (await manager.query(
      `SELECT anonymous_evaluation AS anonymous FROM programme WHERE id = $1 ${lock === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`,
      [id],
    )) as { anonymous: boolean }[];
    return row ? row.anonymous : null;
  }

  /** Pre, post and follow-up responses of the programme: the answers that are paired across stages. */
  async evaluationResponseCount(
    programmeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS count FROM evaluation_response
       WHERE programme_id = $1 AND stage IN ('pre', 'post', 'follow-up')`,
      [programmeId],
    )) as [{ count: number }];
    return row.count;
  }

  count(manager: EntityManager): Promise<number> {
    return manager.count(ProgrammeEntity);
  }

  /** Every programme, oldest first (Impact offers the first as its default), with its system. */
  async listOldestFirst(): Promise<{ id: string; name: string; systemId: string | null }[]> {
    return (await this.dataSource.query(
      'SELECT id, name, system_id AS "systemId" FROM programme ORDER BY created_at, name',
    )) as { id: string; name: string; systemId: string | null }[];
  }

  async nameOf(programmeId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query('SELECT name FROM programme WHERE id = $1', [
      programmeId,
    ])) as {
      name: string;
    }[];
    return row?.name ?? null;
  }
}
