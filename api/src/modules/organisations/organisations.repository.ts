import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrganisationQuery, OrganisationType, SystemGroup } from '@upstand/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { RegionEntity } from './region.entity';
import { likePattern } from '../../common/paging';

/** One row of an organisation import, ready to write. */
export interface ImportedOrganisation {
  odsCode: string;
  name: string;
  type: OrganisationType;
  systemId: string | null;
  regionId: string;
  validFrom: string;
  validTo: string | null;
}

/** What an import compares a row with. */
export type ImportTarget = Pick<
  OrganisationEntity,
  'id' | 'odsCode' | 'name' | 'type' | 'regionId' | 'systemId' | 'validFrom' | 'validTo'
>;

/** What an import needs to know of an organisation once written. */
export type SavedOrganisation = Pick<
  OrganisationEntity,
  'id' | 'odsCode' | 'type' | 'regionId' | 'systemId' | 'validFrom'
>;

/** What a headcount import reads of an organisation. */
export type HeadcountTarget = Pick<
  OrganisationEntity,
  'id' | 'odsCode' | 'type' | 'systemId' | 'headcount' | 'headcountAsOf'
>;

/** One organisation's new headcount and the date it was counted. */
export interface HeadcountUpdate {
  id: string;
  headcount: number;
  headcountAsOf: string;
}

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  search(query: OrganisationQuery): Promise<OrganisationEntity[]> {
    return this.filtered(query).getMany();
  }

  /** One page of the organisations matching the query, by name, and how many match: paged in SQL. */
  async page(
    query: OrganisationQuery,
    take: number,
    skip: number,
  ): Promise<{ rows: OrganisationEntity[]; total: number }> {
    const [rows, total] = await this.filtered(query)
      .addOrderBy('organisation.id', 'ASC')
      .take(take)
      .skip(skip)
      .getManyAndCount();
    return { rows, total };
  }

  private filtered(query: OrganisationQuery) {
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
        pattern: likePattern(query.q),
      });
    }
    if (!query.includeClosed)
      builder.andWhere('(organisation.validTo IS NULL OR organisation.validTo >= CURRENT_DATE)');
    return builder;
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

  /**
   * Organisations by ODS code as plain rows, for imports: one array parameter and no entity building, which for
   * 20,000 codes took TypeORM hundreds of milliseconds of uninterrupted work.
   */
  async findForImport(
    odsCodes: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ImportTarget[]> {
    if (odsCodes.length === 0) return [];
    return (await manager.query(
      `SELECT id, ods_code AS "odsCode", name, type, region_id AS "regionId", system_id AS "systemId",
              to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
       FROM organisation WHERE ods_code = ANY($1::varchar[])`,
      [odsCodes],
    )) as ImportTarget[];
  }

  async findHeadcounts(odsCodes: string[]): Promise<HeadcountTarget[]> {
    if (odsCodes.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT id, ods_code AS "odsCode", type, system_id AS "systemId", headcount,
              to_char(headcount_as_of, 'YYYY-MM-DD') AS "headcountAsOf"
       FROM organisation WHERE ods_code = ANY($1::varchar[])`,
      [odsCodes],
    )) as HeadcountTarget[];
  }

  /** Writes many organisations' headcounts in one statement. */
  async setHeadcounts(updates: HeadcountUpdate[], manager: EntityManager): Promise<void> {
    if (updates.length === 0) return;
    await manager.query(
      `UPDATE organisation o SET headcount = x.headcount, headcount_as_of = x.as_of, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::date[]) AS x(id, headcount, as_of)
       WHERE o.id = x.id`,
      [
        updates.map((update) => update.id),
        updates.map((update) => update.headcount),
        updates.map((update) => update.headcountAsOf),
      ],
    );
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

  findRegionsByOdsCodes(
    odsCodes: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RegionEntity[]> {
    if (odsCodes.length === 0) return Promise.resolve([]);
    return manager.find(RegionEntity, { where: { odsCode: In(odsCodes) } });
  }

  /**
   * Creates or updates organisations by ODS code in one statement (an import's batch); answers what each row now
   * holds and whether it was created.
   */
  async upsertMany(
    rows: ImportedOrganisation[],
    manager: EntityManager,
  ): Promise<(SavedOrganisation & { created: boolean })[]> {
    if (rows.length === 0) return [];
    return (await manager.query(
      `INSERT INTO organisation (ods_code, name, type, system_id, region_id, valid_from, valid_to)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::uuid[], $5::uuid[], $6::date[], $7::date[])
       ON CONFLICT (ods_code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, system_id = EXCLUDED.system_id,
         region_id = EXCLUDED.region_id, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, updated_at = now()
       RETURNING id, ods_code AS "odsCode", type, region_id AS "regionId", system_id AS "systemId",
         to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", (xmax = 0) AS created`,
      [
        rows.map((row) => row.odsCode),
        rows.map((row) => row.name),
        rows.map((row) => row.type),
        rows.map((row) => row.systemId),
        rows.map((row) => row.regionId),
        rows.map((row) => row.validFrom),
        rows.map((row) => row.validTo),
      ],
    )) as (SavedOrganisation & { created: boolean })[];
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

  countRegions(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(RegionEntity);
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

  // ── Lookups for Impact (analytics): each organisation's system and group, and who has people on a programme ──

  /** The organisation, its system (itself for an ICB) and whether that is the home system; null if unknown. */
  async placeOf(
    id: string,
  ): Promise<{ id: string; type: string; systemId: string | null; isHomeSystem: boolean } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT o.id, o.type, CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END AS "systemId",
              coalesce(s.is_home_system, false) AS "isHomeSystem"
       FROM organisation o LEFT JOIN organisation s ON s.id = CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END
       WHERE o.id = $1`,
      [id],
    )) as { id: string; type: string; systemId: string | null; isHomeSystem: boolean }[];
    return row ?? null;
  }

  /** Every system (ICB), the home system first, then by name. */
  async systems(): Promise<SystemSummary[]> {
    return (await this.dataSource.query(
      `SELECT id, ods_code AS "odsCode", name, CASE WHEN is_home_system THEN 'home' ELSE 'scale-up' END AS "group"
       FROM organisation WHERE type = 'icb' ORDER BY is_home_system DESC, name`,
    )) as SystemSummary[];
  }

  /**
   * Organisations with delegates on the programme (only `onlyOrganisationId`, or those in the systems, when given).
   * Each organisation looks for its first such delegate (a lateral LIMIT 1, by index): written as EXISTS, the
   * planner chose to join every user to every enrolment, 150–550 ms at 200,000 delegates on every funnel, reach,
   * breakdown and filter-options request, against 25 ms this way.
   */
  async withDelegatesOn(
    programmeId: string,
    onlyOrganisationId: string | null,
    systemIds: string[] | null = null,
  ): Promise<ProgrammeOrganisation[]> {
    return (await this.dataSource.query(
      `SELECT o.id, o.ods_code AS "odsCode", o.name, CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END AS "systemId",
              o.headcount, to_char(o.headcount_as_of, 'YYYY-MM-DD') AS "headcountAsOf"
       FROM organisation o
       WHERE ($2::uuid IS NULL OR o.id = $2)
         AND ($3::uuid[] IS NULL OR (CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END) = ANY($3))
         AND EXISTS (SELECT 1 FROM (SELECT 1 FROM app_user u JOIN enrolment e ON e.delegate_user_id = u.id
                                    WHERE u.organisation_id = o.id AND e.programme_id = $1 LIMIT 1) first)
       ORDER BY o.name`,
      [programmeId, onlyOrganisationId, systemIds],
    )) as ProgrammeOrganisation[];
  }

  /**
   * The systems' staff as far as known: per system (ICB), its current organisations (the ICB included), how many
   * have a headcount, their sum and the oldest date among them.
   */
  async systemHeadcounts(systemIds: string[]): Promise<SystemHeadcount[]> {
    if (systemIds.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT s.id AS "systemId", s.ods_code AS "odsCode", s.name,
              count(o.id)::int AS organisations, count(o.headcount)::int AS "organisationsWithHeadcount",
              sum(o.headcount)::int AS headcount, to_char(min(o.headcount_as_of), 'YYYY-MM-DD') AS "headcountAsOf"
       FROM organisation s
       JOIN organisation o ON (o.id = s.id OR o.system_id = s.id)
         AND (o.valid_to IS NULL OR o.valid_to >= (now() AT TIME ZONE 'Europe/London')::date)
       WHERE s.type = 'icb' AND s.id = ANY($1::uuid[])
       GROUP BY s.id ORDER BY s.name`,
      [systemIds],
    )) as SystemHeadcount[];
  }
}

export interface SystemSummary {
  id: string;
  odsCode: string;
  name: string;
  group: SystemGroup;
}

export interface ProgrammeOrganisation {
  id: string;
  odsCode: string;
  name: string;
  systemId: string | null;
  headcount: number | null;
  headcountAsOf: string | null;
}

export interface SystemHeadcount {
  systemId: string;
  odsCode: string;
  name: string;
  organisations: number;
  organisationsWithHeadcount: number;
  headcount: number | null;
  headcountAsOf: string | null;
}
