import { INestApplication } from '@nestjs/common';
import { BreakdownDimension } from '@upstand/contracts';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../src/app.module';
import { APP_CONFIG, AppConfig } from '../../../src/config/app-config';
import { AnalyticsRepository } from '../../../src/modules/analytics/analytics.repository';
import {
  BreakdownRepository,
  CategoryChangeRow,
} from '../../../src/modules/analytics/reports/breakdown.repository';
import { CommentsRepository } from '../../../src/modules/analytics/reports/comments.repository';
import { CumulativeRepository } from '../../../src/modules/analytics/reports/cumulative.repository';
import { FunnelRepository } from '../../../src/modules/analytics/reports/funnel.repository';
import { ItemsRepository } from '../../../src/modules/analytics/reports/items.repository';
import { OverviewRepository } from '../../../src/modules/analytics/reports/overview.repository';
import { ReachRepository } from '../../../src/modules/analytics/reports/reach.repository';
import { ResponseRatesRepository } from '../../../src/modules/analytics/reports/response-rates.repository';
import { PageWindow } from '../../../src/common/paging';
import { AnalyticsScope } from '../../../src/modules/analytics/analytics-scope';
import { LevelCellRow } from '../../../src/modules/analytics/analytics.repository';
import { AskedCohorts } from '../../../src/modules/analytics/reports/response-rates.repository';
import { viewRaw } from '../../../src/modules/analytics/view-counts';
import { TestApp } from '../test-app';
import { ReferenceAnalyticsRepository } from './analytics.repository';
import { ReferenceBreakdownRepository } from './breakdown.repository';
import { ReferenceCommentsRepository } from './comments.repository';
import { ReferenceCumulativeRepository } from './cumulative.repository';
import { ReferenceFunnelRepository } from './funnel.repository';
import { ReferenceItemsRepository } from './items.repository';
import { ReferenceOverviewRepository } from './overview.repository';
import { ReferenceReachRepository } from './reach.repository';
import { ReferenceResponseRatesRepository } from './response-rates.repository';

/**
 * The reference's response rates, paged the way the app's repository pages them, from the full computation: the
 * cohorts whose pre-asked count in the view's own figures (viewRaw) is above 0, latest start first, then by name,
 * and their cells cut from the reference's counts of every cohort. The frozen repository had no pages (it listed
 * every cohort); this adapter only selects from what it computes.
 */
class PagedReferenceResponseRates {
  constructor(
    private readonly reference: ReferenceResponseRatesRepository,
    private readonly dataSource: DataSource,
  ) {}

  async counts(scope: AnalyticsScope, cohortIds?: readonly string[]): Promise<LevelCellRow[]> {
    const rows = await this.reference.counts(scope);
    if (!cohortIds) return rows;
    const wanted = new Set(cohortIds);
    return rows.filter((row) => wanted.has(row.cell.split(':')[1] ?? ''));
  }

  async askedCohorts(scope: AnalyticsScope, window: PageWindow | null): Promise<AskedCohorts> {
    const raw = viewRaw(scope, await this.reference.counts(scope));
    const asked = new Set(
      [...raw]
        .filter(([cell, n]) => cell.endsWith(':pre-asked') && n > 0)
        .map(([cell]) => cell.split(':')[1] ?? ''),
    );
    const cohorts = (await this.dataSource.query(
      `SELECT id::text AS id FROM cohort WHERE programme_id = $1 ORDER BY start_date DESC, name, id`,
      [scope.programmeId],
    )) as { id: string }[];
    const ids = cohorts.map((cohort) => cohort.id).filter((id) => asked.has(id));
    return { ids: window ? ids.slice(window.skip, window.skip + window.take) : ids, total: ids.length };
  }
}

/**
 * The reference's breakdown, with the headline changes of only the categories asked for (a page of them) cut from
 * its computation of every category, as the app's repository sums only those.
 */
class PagedReferenceBreakdown {
  constructor(private readonly reference: ReferenceBreakdownRepository) {}

  counts(...args: Parameters<ReferenceBreakdownRepository['counts']>) {
    return this.reference.counts(...args);
  }

  headlinePairs(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    itemCode: string,
  ): Promise<LevelCellRow[]> {
    return this.reference.headlinePairs(scope, dimension, itemCode);
  }

  async headlineChangeByCategory(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    itemCode: string,
    categories: string[] | null = null,
  ): Promise<CategoryChangeRow[]> {
    const rows = await this.reference.headlineChangeByCategory(scope, dimension, itemCode);
    if (!categories) return rows;
    const wanted = new Set(categories);
    return rows.filter((row) => wanted.has(row.key));
  }
}

/**
 * A second instance of the application on the same database as `testApp`, with the same configuration, whose
 * Impact repositories are the frozen reference copies in this folder: its reports are the full computation from
 * every answer, as before issue 13. Only the repositories are swapped (by their app class as the injection token),
 * so both apps share the services, the scope resolution around them and the disclosure policy. It serves no HTTP
 * and does not migrate or seed: the first app did both. The reference repositories are plain classes built here
 * (not by Nest's injector), so nothing in them depends on the app's decorators or constructor signatures.
 */
export async function createReferenceImpactApp(testApp: TestApp): Promise<INestApplication> {
  const config = testApp.app.get<AppConfig>(APP_CONFIG);
  const reports: [unknown, (cells: ReferenceAnalyticsRepository, dataSource: DataSource) => unknown][] = [
    [OverviewRepository, (cells) => new ReferenceOverviewRepository(cells)],
    [ItemsRepository, (cells) => new ReferenceItemsRepository(cells)],
    [BreakdownRepository, (cells) => new PagedReferenceBreakdown(new ReferenceBreakdownRepository(cells))],
    [FunnelRepository, (cells) => new ReferenceFunnelRepository(cells)],
    [ReachRepository, (cells) => new ReferenceReachRepository(cells)],
    [CumulativeRepository, (cells) => new ReferenceCumulativeRepository(cells)],
    [
      ResponseRatesRepository,
      (cells, dataSource) =>
        new PagedReferenceResponseRates(new ReferenceResponseRatesRepository(cells), dataSource),
    ],
    [CommentsRepository, (cells, dataSource) => new ReferenceCommentsRepository(cells, dataSource)],
  ];
  // The token AnalyticsRepository resolves to the reference one here, so the scope resolver's soleContainers (and
  // the report repositories built below) read the full computation too.
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config, testApp.databaseUrl)] })
    .overrideProvider(AnalyticsRepository)
    .useFactory({
      factory: (dataSource: DataSource) => new ReferenceAnalyticsRepository(dataSource),
      inject: [DataSource],
    });
  for (const [token, build] of reports)
    builder = builder
      .overrideProvider(token)
      .useFactory({ factory: build, inject: [AnalyticsRepository, DataSource] });
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}
