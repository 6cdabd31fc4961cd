import {
  AnalyticsFilterOptions,
  AnalyticsOverview,
  Breakdown,
  BREAKDOWN_DIMENSIONS,
  CommentsReport,
  Count,
  CumulativeReport,
  FunnelReport,
  ItemAnalyticsReport,
  ReachReport,
  ResponseRateReport,
} from '@upstand/contracts';
import ExcelJS from 'exceljs';
import { pdfText } from './support/pdf-text';
import { ApiClient, createTestApp, TestApp } from './support/test-app';
import { binaryBody } from './support/binary-body';

/**
 * Impact scoped by the delegate's employing system (issue 10): a programme lead and a steering member for NHS
 * Coventry and Warwickshire ICB (QWU) against a programme with people in QWU and in LLR (QK1), including the
 * cases where employer and cohort disagree. A person belongs to their employer's system, else their cohort's.
 */

type System = 'QWU' | 'QK1';
interface Person {
  index: number;
  name: string;
  /** The system Impact assigns them to (employer's, else cohort's). */
  system: System;
  organisation: 'ZZW01' | 'ZZW02' | 'RWE' | null;
  cohort: number;
  completed: boolean;
  pre: boolean;
  post: boolean;
}

const COHORTS = [
  { name: 'Scoped Coventry 2023-05', system: 'QWU', startDate: '2023-05-15' },
  { name: 'Scoped Warwickshire 2022-10', system: 'QWU', startDate: '2022-10-10' },
  { name: 'Scoped LLR 2023-01', system: 'QK1', startDate: '2023-01-16' },
] as const;

const GROUPS: { organisation: Person['organisation']; cohort: number; count: number; system: System }[] = [
  { organisation: 'ZZW01', cohort: 0, count: 20, system: 'QWU' },
  { organisation: 'ZZW02', cohort: 1, count: 12, system: 'QWU' },
  // Employed in Coventry, trained in an LLR cohort: Coventry's.
  { organisation: 'ZZW01', cohort: 2, count: 4, system: 'QWU' },
  // No employer recorded: their cohort's system.
  { organisation: null, cohort: 0, count: 3, system: 'QWU' },
  { organisation: 'RWE', cohort: 2, count: 15, system: 'QK1' },
  // Employed in Leicester, trained in a Coventry cohort: LLR's, never the Coventry lead's.
  { organisation: 'RWE', cohort: 0, count: 5, system: 'QK1' },
  { organisation: null, cohort: 2, count: 3, system: 'QK1' },
];

function people(): Person[] {
  const result: Person[] = [];
  let index = 0;
  for (const group of GROUPS)
    for (let i = 0; i < group.count; i++, index++) {
      const completed = index % 6 !== 5;
      result.push({
        index,
        name: `Scoped ${group.system} Person${index}`,
        system: group.system,
        organisation: group.organisation,
        cohort: group.cohort,
        completed,
        pre: index % 7 !== 6,
        post: completed && index % 4 !== 3,
      });
    }
  return result;
}

function answers(person: Person, after: boolean): Record<string, number | string> {
  const base = 2 + (person.index % 3);
  return {
    confidence_intervene: after ? Math.min(5, base + (person.index % 4 === 0 ? 0 : 1)) : base,
    likely_intervene: 3 + (person.index % 2),
    know_support: after ? 1 : person.index % 2,
    d_direct: Math.min(10, 4 + (person.index % 3) + (after ? 2 : 0)),
    ...(after ? { do_differently: `Feedback from ${person.name}` } : {}),
  };
}

describe('Impact scoped by employing system', () => {
  let testApp: TestApp;
  let regionalLead: ApiClient;
  let systemLead: ApiClient;
  let regionalSteering: ApiClient;
  let systemSteering: ApiClient;
  let programmeId: string;
  let ids: Record<string, string>;
  let cohortIds: string[];
  const everyone = people();
  const qwu = everyone.filter((person) => person.system === 'QWU');

  beforeAll(async () => {
    testApp = await createTestApp();
    const sql = testApp.sql;
    regionalLead = await testApp.signedIn('lead@demo.upstand.test');
    systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    regionalSteering = await testApp.signedIn('steering@demo.upstand.test');
    systemSteering = await testApp.signedIn('system-steering@demo.upstand.test');

    const [programme] = await sql<{ id: string }>(
      `INSERT INTO programme (name) VALUES ('Scoped Impact programme') RETURNING id`,
    );
    programmeId = programme!.id;
    const [template] = await sql<{ id: string }>(
      `INSERT INTO journey_template (programme_id, version, stages, completion_rule)
       VALUES ($1, 1, '[]'::jsonb, '{"workshop": "all"}'::jsonb) RETURNING id`,
      [programmeId],
    );
    await regionalLead.get(`/api/programmes/${programmeId}/instruments`).expect(200);
    for (const [code, name] of [
      ['ZZW01', 'Synthetic Coventry Hospital Trust'],
      ['ZZW02', 'Synthetic Warwickshire Community Trust'],
    ])
      await sql(
        `INSERT INTO organisation (ods_code, name, type, region_id, system_id, valid_from)
         SELECT $1, $2, 'acute-trust', region_id, id, '2020-01-01' FROM organisation WHERE ods_code = 'QWU'`,
        [code, name],
      );
    const rows = await sql<{ ods_code: string; id: string }>(
      `SELECT ods_code, id FROM organisation WHERE ods_code IN ('QWU', 'QK1', 'ZZW01', 'ZZW02', 'RWE')`,
    );
    ids = Object.fromEntries(rows.map((row) => [row.ods_code, row.id]));
    cohortIds = [];
    const sessionIds: string[] = [];
    for (const cohort of COHORTS) {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity)
         VALUES ($1, $2, $3, $4, $5, 60) RETURNING id`,
        [programmeId, template!.id, cohort.name, ids[cohort.system], cohort.startDate],
      );
      cohortIds.push(row!.id);
      const [session] = await sql<{ id: string }>(
        `INSERT INTO session (cohort_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
         VALUES ($1, 'workshop', 'workshop', 'in-person', 1, 'Workshop', $2::date + time '09:00',
                 $2::date + time '16:30', gen_random_uuid()::text) RETURNING id`,
        [row!.id, cohort.startDate],
      );
      sessionIds.push(session!.id);
    }
    const instruments = await sql<{ id: string; stage: string }>(
      `SELECT id, stage FROM instrument WHERE programme_id = $1`,
      [programmeId],
    );
    const instrumentId = (stage: string) => instruments.find((row) => row.stage === stage)!.id;
    const respond = async (
      cohortId: string,
      enrolmentId: string | null,
      userId: string | null,
      key: string,
      stage: 'pre' | 'post',
      given: Record<string, number | string>,
    ) => {
      const [response] = await sql<{ id: string }>(
        `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, stage, instrument_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [programmeId, cohortId, enrolmentId, userId, key, stage, instrumentId(stage)],
      );
      const entries = Object.entries(given);
      await sql(
        `INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
         SELECT $1, x.code, x.num, x.txt FROM unnest($2::text[], $3::numeric[], $4::text[]) AS x(code, num, txt)`,
        [
          response!.id,
          entries.map(([code]) => code),
          entries.map(([, value]) => (typeof value === 'number' ? value : null)),
          entries.map(([, value]) => (typeof value === 'string' ? value : null)),
        ],
      );
    };
    for (const person of everyone) {
      const cohort = COHORTS[person.cohort]!;
      const cohortId = cohortIds[person.cohort]!;
      const [user] = await sql<{ id: string }>(
        `INSERT INTO app_user (email, full_name, password_hash, organisation_id)
         VALUES ($1, $2, 'not-a-hash', $3) RETURNING id`,
        [
          `scoped-${person.index}@nhs.test`,
          person.name,
          person.organisation ? ids[person.organisation] : null,
        ],
      );
      const status = person.completed ? 'completed' : 'did-not-complete';
      const [enrolment] = await sql<{ id: string }>(
        `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at, completed_at, did_not_complete_at)
         VALUES ($1, $2, $3, $4::varchar, now(), CASE WHEN $4::varchar = 'completed' THEN $5::date + 150 END,
                 CASE WHEN $4::varchar = 'did-not-complete' THEN now() END) RETURNING id`,
        [cohortId, programmeId, user!.id, status, cohort.startDate],
      );
      await sql(`INSERT INTO attendance (session_id, enrolment_id, status) VALUES ($1, $2, 'present')`, [
        sessionIds[person.cohort],
        enrolment!.id,
      ]);
      if (person.pre)
        await respond(cohortId, enrolment!.id, user!.id, user!.id, 'pre', answers(person, false));
      if (person.post)
        await respond(cohortId, enrolment!.id, user!.id, user!.id, 'post', answers(person, true));
    }
    // Anonymous codes are known only by their cohort: one in a Coventry cohort, one in the LLR cohort.
    await respond(cohortIds[0]!, null, null, 'ANON-COVENTRY', 'pre', { confidence_intervene: 3 });
    await respond(cohortIds[2]!, null, null, 'ANON-LEICESTER', 'pre', {
      confidence_intervene: 3,
      do_differently: 'Anonymous QK1 respondent',
    });
  });
  afterAll(() => testApp.close());

  const query = (params: Record<string, string | undefined>) =>
    new URLSearchParams(
      Object.entries({ programmeId, ...params }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ).toString();
  const get = async <T>(client: ApiClient, path: string, params: Record<string, string | undefined> = {}) =>
    (await client.get(`/api/analytics/${path}?${query(params)}`).expect(200)).body as T;

  /** Every report a dashboard shows, as JSON, for one viewer and filters. */
  const reports = (client: ApiClient, params: Record<string, string | undefined>) => ({
    overview: () => get<AnalyticsOverview>(client, 'overview', params),
    items: () => get<ItemAnalyticsReport>(client, 'items', { ...params, from: 'pre', to: 'post' }),
    funnel: () => get<FunnelReport>(client, 'funnel', params),
    cumulative: () => get<CumulativeReport>(client, 'cumulative', params),
    'response-rates': () => get<ResponseRateReport>(client, 'response-rates', { ...params, pageSize: '100' }),
    comments: () => get<CommentsReport>(client, 'comments', { ...params, stage: 'post' }),
    ...Object.fromEntries(
      BREAKDOWN_DIMENSIONS.map((dimension) => [
        `breakdown:${dimension}`,
        () => get<Breakdown>(client, 'breakdowns', { ...params, dimension }),
      ]),
    ),
  });

  describe('a programme lead for one system', () => {
    it("gets exactly the regional lead's figures filtered to their system, in every report", async () => {
      const mine = reports(systemLead, {});
      const regional = reports(regionalLead, { systemId: ids['QWU'] });
      for (const name of Object.keys(mine) as (keyof typeof mine)[])
        expect({ name, body: await mine[name]() }).toEqual({ name, body: await regional[name]() });

      const overview = await mine.overview();
      expect(overview.suppressionApplied).toBe(false);
      expect(overview.trained.value).toBe(qwu.filter((person) => person.completed).length);
      expect(overview.pairedPrePost.value).toBe(qwu.filter((person) => person.pre && person.post).length);
      const comments = await mine.comments();
      const written = qwu.filter((person) => person.post).length;
      expect(comments.comments.total).toBe(written);
      expect(comments.comments.items).toHaveLength(Math.min(written, 25));
      expect(JSON.stringify(comments)).not.toContain('QK1');
    });

    it("lists only their system's organisations in reach, and offers only their system's filters", async () => {
      const reach = await get<ReachReport>(systemLead, 'reach');
      expect(reach.rows.map((row) => row.odsCode).sort()).toEqual(['ZZW01', 'ZZW02']);
      const regional = await get<ReachReport>(regionalLead, 'reach', { systemId: ids['QWU'] });
      for (const row of reach.rows)
        expect(row).toEqual(regional.rows.find((other) => other.organisationId === row.organisationId));

      const options = (
        await systemLead.get(`/api/analytics/filter-options?programmeId=${programmeId}`).expect(200)
      ).body as AnalyticsFilterOptions;
      expect(options.systems.map((system) => system.odsCode)).toEqual(['QWU']);
      expect(options.organisations.map((organisation) => organisation.odsCode).sort()).toEqual([
        'ZZW01',
        'ZZW02',
      ]);
      expect(options.cohorts.map((cohort) => cohort.id).sort()).toEqual([cohortIds[0], cohortIds[1]].sort());
      const all = (
        await regionalLead.get(`/api/analytics/filter-options?programmeId=${programmeId}`).expect(200)
      ).body as AnalyticsFilterOptions;
      expect(all.cohorts.map((cohort) => cohort.id)).toEqual(expect.arrayContaining(cohortIds));
      expect(all.organisations.map((organisation) => organisation.odsCode)).toContain('RWE');
    });

    it('refuses filters that reach outside the system, naming the field; a cohort outside is not found', async () => {
      for (const [field, value] of [
        ['systemId', ids['QK1']],
        ['organisationId', ids['RWE']],
        ['group', 'home'],
      ] as const) {
        const refused = await systemLead
          .get(`/api/analytics/overview?${query({ [field]: value })}`)
          .expect(403);
        expect(refused.body.errors[0].field).toBe(field);
      }
      await systemLead.get(`/api/analytics/overview?${query({ cohortId: cohortIds[2] })}`).expect(404);
      await systemLead
        .get(`/api/analytics/export/funnel.csv?${query({ cohortId: cohortIds[2] })}`)
        .expect(404);
      await systemLead.get(`/api/analytics/board-report.pdf?${query({ systemId: ids['QK1'] })}`).expect(403);
      // The board report names the filters a Board reads: the system in reach and the cohort, not their ids.
      const report = await systemLead
        .get(`/api/analytics/board-report.pdf?${query({ cohortId: cohortIds[0] })}`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const filters = pdfText(report.body as Buffer).replace(/\s+/g, ' ');
      expect(filters).toMatch(
        /Filters applied Integrated care systems in your reach: [^;]*Coventry[^;]*; Cohort: Scoped Coventry 2023-05/,
      );
      expect(filters).not.toContain(cohortIds[0]);
      // Inside the system, the same filters work and narrow further.
      const coventry = await get<AnalyticsOverview>(systemLead, 'overview', { cohortId: cohortIds[0] });
      expect(coventry.trained.value).toBe(
        qwu.filter((person) => person.cohort === 0 && person.completed).length,
      );
      await systemLead.get(`/api/analytics/overview?${query({ group: 'scale-up' })}`).expect(200);
    });

    it("downloads a matched export holding only their system's respondents", async () => {
      const download = async (client: ApiClient) => {
        const response = await client
          .get(`/api/analytics/matched-export.xlsx?programmeId=${programmeId}`)
          .buffer(true)
          .parse(binaryBody)
          .expect(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.body as ArrayBuffer);
        const sheet = workbook.getWorksheet('Responses')!;
        const header = (sheet.getRow(1).values as string[]).slice(1);
        const rows: Record<string, unknown>[] = [];
        sheet.eachRow((row, number) => {
          if (number === 1) return;
          const values = (row.values as unknown[]).slice(1);
          rows.push(Object.fromEntries(header.map((key, i) => [key, values[i]])));
        });
        return rows;
      };
      const mine = await download(systemLead);
      const respondents = qwu.filter((person) => person.pre || person.post);
      expect(mine.length).toBe(respondents.length + 1); // and the anonymous Coventry code
      const ods = new Set(mine.map((row) => row['organisation_ods'] ?? ''));
      expect([...ods].sort()).toEqual(['', 'ZZW01', 'ZZW02']);
      const text = JSON.stringify(mine);
      expect(text).not.toContain('QK1');
      expect(text).not.toContain('RWE');
      const named = mine.map((row) => row['post.do_differently']).filter(Boolean);
      expect(named.sort()).toEqual(
        qwu
          .filter((person) => person.post)
          .map((person) => `Feedback from ${person.name}`)
          .sort(),
      );

      const all = await download(regionalLead);
      expect(all.length).toBe(everyone.filter((person) => person.pre || person.post).length + 2);
      expect(JSON.stringify(all)).toContain('Scoped QK1 Person');
    });
  });

  describe('a steering member for one system', () => {
    /** Every count the viewer is shown, keyed so two viewers' views can be compared figure by figure. */
    async function published(client: ApiClient, params: Record<string, string | undefined>) {
      const cells = new Map<string, number | null>();
      const put = (key: string, count: Count) => cells.set(key, count.suppressed ? null : count.value);
      const views = reports(client, params);
      const overview = await views.overview();
      expect(overview.suppressionApplied).toBe(true);
      put('trained', overview.trained);
      put('trained:home', overview.trainedHome);
      put('trained:scale-up', overview.trainedScaleUp);
      put('paired', overview.pairedPrePost);
      const items = await views.items();
      for (const item of items.items) {
        put(`item:${item.itemCode}:paired`, item.nPaired);
        put(`item:${item.itemCode}:from`, item.nFrom);
        put(`item:${item.itemCode}:to`, item.nTo);
        cells.set(`item:${item.itemCode}:meanChange`, item.meanChange);
      }
      for (const dimension of BREAKDOWN_DIMENSIONS) {
        const breakdown = (await views[
          `breakdown:${dimension}` as keyof typeof views
        ]()) as unknown as Breakdown;
        for (const row of breakdown.rows.items) {
          put(`breakdown:${dimension}:${row.key}:trained`, row.trained);
          put(`breakdown:${dimension}:${row.key}:paired`, row.paired);
        }
      }
      const funnel = await views.funnel();
      funnel.stages.forEach((stage, i) => {
        put(`funnel:${stage}`, funnel.overall[i]!);
        for (const row of funnel.bySystem) put(`funnel:system:${row.key}:${stage}`, row.counts[i]!);
        for (const row of funnel.byOrganisation) put(`funnel:org:${row.key}:${stage}`, row.counts[i]!);
      });
      const cumulative = await views.cumulative();
      for (const point of cumulative.points) put(`cumulative:${point.month}:total`, point.total);
      const rates = await views['response-rates']();
      expect(rates.cohorts.total).toBeLessThanOrEqual(100);
      for (const row of rates.cohorts.items) {
        put(`rates:${row.cohortId}:pre-asked`, row.preAsked);
        put(`rates:${row.cohortId}:post-asked`, row.postAsked);
      }
      put('comments', (await views.comments()).total);
      return { cells, funnel };
    }

    it("publishes the regional steering group's figures for the system, and nothing of another system", async () => {
      const mine = await published(systemSteering, {});
      const regional = await published(regionalSteering, { systemId: ids['QWU'] });
      let shared = 0;
      for (const [key, value] of mine.cells) {
        const other = regional.cells.get(key);
        if (value === null || other === null || other === undefined) continue;
        expect({ key, value }).toEqual({ key, value: other });
        shared++;
      }
      expect(shared).toBeGreaterThan(10);
      expect(mine.cells.get('trained')).toBe(qwu.filter((person) => person.completed).length);
      expect(mine.funnel.bySystem.map((row) => row.key)).toEqual([ids['QWU']]);
      expect(mine.funnel.byOrganisation.map((row) => row.key)).not.toContain(ids['RWE']);
      // The regional steering group sees both systems: the scoped view is not just "everything".
      const whole = await get<AnalyticsOverview>(regionalSteering, 'overview');
      expect(whole.trained.value).toBe(everyone.filter((person) => person.completed).length);

      // Asking for the system itself, or its group, is the same view: the system is the widest one there is.
      expect(await published(systemSteering, { systemId: ids['QWU'] })).toEqual(mine);
      expect(await published(systemSteering, { group: 'scale-up' })).toEqual(mine);
      const comments = await get<CommentsReport>(systemSteering, 'comments', { stage: 'post' });
      expect(JSON.stringify(comments)).not.toMatch(/QK1|Leicester/);
    });

    it('refuses filters outside the system as a system lead is refused', async () => {
      for (const [field, value] of [
        ['systemId', ids['QK1']],
        ['organisationId', ids['RWE']],
        ['group', 'home'],
      ] as const) {
        const refused = await systemSteering
          .get(`/api/analytics/funnel?${query({ [field]: value })}`)
          .expect(403);
        expect(refused.body.errors[0].field).toBe(field);
      }
      await systemSteering.get(`/api/analytics/items?${query({ cohortId: cohortIds[2] })}`).expect(404);
      const options = (
        await systemSteering.get(`/api/analytics/filter-options?programmeId=${programmeId}`).expect(200)
      ).body as AnalyticsFilterOptions;
      expect(options.systems.map((system) => system.odsCode)).toEqual(['QWU']);
      // The regional steering group is unchanged: both systems, any filter.
      await regionalSteering.get(`/api/analytics/overview?${query({ systemId: ids['QK1'] })}`).expect(200);
    });
  });
});
