import {
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
import { holmAdjust, mcnemarTest, pairedTTest, wilcoxonSignedRank } from '@upstand/statistics';
import ExcelJS from 'exceljs';
import { AnalyticsFixture, buildAnalyticsFixture, FixturePerson } from './support/analytics-fixture';
import { ApiClient, createTestApp, TestApp } from './support/test-app';
import { binaryBody } from './support/binary-body';
import { pdfInfo, pdfText } from './support/pdf-text';

const THRESHOLD = 10;

describe('impact analytics', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let steering: ApiClient;
  let sponsor: ApiClient;
  let fixture: AnalyticsFixture;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    steering = await testApp.signedIn('steering@demo.upstand.test');
    sponsor = await testApp.signedIn('sponsor@demo.upstand.test');
    fixture = await buildAnalyticsFixture(testApp, lead);
  });
  afterAll(() => testApp.close());

  const query = (params: Record<string, string | undefined>) =>
    new URLSearchParams(
      Object.entries({ programmeId: fixture.programmeId, ...params }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ).toString();

  const certified = (people: FixturePerson[]) => people.filter((person) => person.status === 'completed');
  const paired = (people: FixturePerson[]) => people.filter((person) => person.pre && person.post);

  describe('as a programme lead (person-level, nothing withheld)', () => {
    it('gives the headline figures exactly', async () => {
      const overview = (await lead.get(`/api/analytics/overview?${query({})}`).expect(200))
        .body as AnalyticsOverview;
      expect(overview.suppressionApplied).toBe(false);
      expect(overview.trained.value).toBe(certified(fixture.people).length);
      expect(overview.trainedScaleUp.value).toBe(
        certified(fixture.people).filter((person) => person.system !== 'QK1').length,
      );
      expect(overview.pairedPrePost.value).toBe(paired(fixture.people).length);
      expect(overview.headline?.itemCode).toBe('confidence_intervene');
    });

    it('matches the statistics library run on the raw pairs: Wilcoxon, r, mean change with CI, Holm, McNemar', async () => {
      const report = (
        await lead.get(`/api/analytics/items?${query({ from: 'pre', to: 'post' })}`).expect(200)
      ).body as ItemAnalyticsReport;
      const pairs = paired(fixture.people);
      const headline = report.items.find((item) => item.itemCode === 'confidence_intervene')!;
      const pre = pairs.map((person) => person.pre!['confidence_intervene'] as number);
      const post = pairs.map((person) => person.post!['confidence_intervene'] as number);
      const expected = wilcoxonSignedRank(pre, post);
      const t = pairedTTest(pre, post);
      expect(headline.nPaired.value).toBe(pairs.length);
      expect(headline.wilcoxon?.statistic).toBeCloseTo(expected.statistic, 8);
      expect(headline.wilcoxon?.pValue).toBeCloseTo(expected.pValue, 10);
      expect(headline.effectSizeR).toBeCloseTo(expected.effectSizeR, 10);
      expect(headline.meanChange).toBeCloseTo(t.meanDifference, 10);
      expect(headline.ci95?.[0]).toBeCloseTo(t.ciLower, 8);
      expect(headline.ci95?.[1]).toBeCloseTo(t.ciUpper, 8);
      expect(headline.nFrom.value).toBe(fixture.people.filter((person) => person.pre).length);
      const confirmed = fixture.people.filter((person) => person.status !== 'withdrawn').length;
      expect(headline.responseRate).toBeCloseTo(
        fixture.people.filter((person) => person.post).length / confirmed,
        10,
      );
      expect(headline.distributionFrom?.reduce<number>((sum, share) => sum + (share ?? 0), 0)).toBeCloseTo(
        1,
        10,
      );

      const pValues = report.items.map((item) => {
        const codePre = pairs.map((person) => person.pre![item.itemCode] as number);
        const codePost = pairs.map((person) => person.post![item.itemCode] as number);
        return wilcoxonSignedRank(codePre, codePost).pValue;
      });
      const holm = holmAdjust(pValues);
      report.items.forEach((item, i) => expect(item.wilcoxon?.pValueHolm).toBeCloseTo(holm[i]!, 10));

      const support = report.items.find((item) => item.itemCode === 'know_support')!;
      const becameNo = pairs.filter(
        (p) => p.pre!['know_support'] === 1 && p.post!['know_support'] === 0,
      ).length;
      const becameYes = pairs.filter(
        (p) => p.pre!['know_support'] === 0 && p.post!['know_support'] === 1,
      ).length;
      expect(support.mcnemar).toMatchObject({
        becameNo,
        becameYes,
        pValue: mcnemarTest(becameNo, becameYes).pValue,
      });

      const fiveDs = report.constructs.find((construct) => construct.construct === 'five-ds')!;
      expect(fiveDs.nPaired.value).toBe(pairs.length);
      expect(fiveDs.meanChange).toBeCloseTo(2 * 0.4, 10); // every 0–10 item rose by 2, rescaled to 1–5
    });

    it('breaks results down by WRES ethnicity group with counts that add up', async () => {
      const breakdown = (
        await lead.get(`/api/analytics/breakdowns?${query({ dimension: 'ethnicity' })}`).expect(200)
      ).body as Breakdown;
      const white = certified(fixture.people).filter((person) =>
        ['A', 'B', 'C'].includes(person.ethnicCategory ?? ''),
      );
      expect(breakdown.rows.items.find((row) => row.key === 'white')?.trained.value).toBe(white.length);
      const total = breakdown.rows.items.reduce((sum, row) => sum + (row.trained.value ?? 0), 0);
      expect(total).toBe(breakdown.totalTrained.value);
    });

    it('shows the funnel from sign-up to the Community of Practice', async () => {
      const funnel = (await lead.get(`/api/analytics/funnel?${query({})}`).expect(200)).body as FunnelReport;
      const stage = (name: string) => funnel.overall[funnel.stages.indexOf(name as never)]?.value;
      expect(stage('signed-up')).toBe(fixture.people.length);
      expect(stage('certified')).toBe(certified(fixture.people).length);
      expect(stage('community')).toBe(
        certified(fixture.people).filter((person) => person.index % 2 === 0).length,
      );
    });

    it("shows trained per 1,000 staff once a lead enters an organisation's headcount", async () => {
      const bad = await lead
        .patch(`/api/organisations/${fixture.organisations.RWE}`)
        .send({ headcount: 0 })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('headcount');
      await lead
        .patch(`/api/organisations/${fixture.organisations.RWE}`)
        .send({ headcount: 15000, headcountAsOf: '2026-03-31' })
        .expect(200);
      const reach = (await lead.get(`/api/analytics/reach?${query({})}`).expect(200)).body as ReachReport;
      const rwe = reach.rows.find((row) => row.organisationId === fixture.organisations.RWE)!;
      const trained = certified(fixture.people).filter((person) => person.organisation === 'RWE').length;
      expect(rwe).toMatchObject({
        headcount: 15000,
        headcountAsOf: '2026-03-31',
        trained: { value: trained },
      });
      expect(rwe.perThousandStaff).toBeCloseTo((trained / 15000) * 1000, 10);
    });

    it('sees free-text comments with their cohort', async () => {
      const comments = (await lead.get(`/api/analytics/comments?${query({ stage: 'post' })}`).expect(200))
        .body as CommentsReport;
      expect(comments.withheld).toBe(false);
      expect(comments.comments.items.some((comment) => /Analytics Person\d+/.test(comment.text))).toBe(true);
      expect(comments.comments.items[0]?.cohortName).toMatch(/^Analytics/);
    });

    it('pages the comments in the database, saying how many there are in all', async () => {
      const written = fixture.people.filter(
        (person) => person.post && 'do_differently' in person.post,
      ).length;
      const first = (await lead.get(`/api/analytics/comments?${query({ stage: 'post' })}`).expect(200))
        .body as CommentsReport;
      expect(first.comments).toMatchObject({ total: written, page: 1, pageSize: 25 });
      expect(first.comments.items).toHaveLength(Math.min(written, 25));
      const beyond = (
        await lead
          .get(`/api/analytics/comments?${query({ stage: 'post', page: '2', pageSize: '25' })}`)
          .expect(200)
      ).body as CommentsReport;
      expect(beyond.comments).toEqual({ items: [], total: written, page: 2, pageSize: 25 });
      const tooMany = await lead.get(`/api/analytics/comments?${query({ pageSize: '1000' })}`).expect(400);
      expect(tooMany.body.errors[0].field).toBe('pageSize');
      // No search: a search of the text before names are taken out would tell who is named.
      await steering.get(`/api/analytics/comments?${query({ q: 'Person' })}`).expect(400);
    });
  });

  describe('who may see what', () => {
    it('refuses delegates and line managers', async () => {
      const delegate = await testApp.signedIn('delegate@demo.upstand.test');
      await delegate.get(`/api/analytics/overview?${query({})}`).expect(403);
      const manager = await testApp.signedIn('manager@demo.upstand.test');
      await manager.get(`/api/analytics/items?${query({})}`).expect(403);
    });

    it('keeps a sponsor to their own organisation', async () => {
      await sponsor
        .get(`/api/analytics/overview?${query({ organisationId: fixture.organisations.RP1 })}`)
        .expect(403);
      const overview = (await sponsor.get(`/api/analytics/overview?${query({})}`).expect(200))
        .body as AnalyticsOverview;
      const rwe = certified(fixture.people).filter((person) => person.organisation === 'RWE').length;
      expect(overview.trained.value).toBe(rwe);
      expect(overview.suppressionApplied).toBe(true);
    });

    it('names the field for bad filters', async () => {
      const missing = await steering.get('/api/analytics/overview').expect(400);
      expect(missing.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'programmeId' })]),
      );
      const both = await steering
        .get(`/api/analytics/overview?${query({ group: 'home', organisationId: fixture.organisations.RWE })}`)
        .expect(400);
      expect(both.body.errors[0].field).toBe('organisationId');
      const dates = await lead
        .get(`/api/analytics/overview?${query({ startFrom: '2023-05-01', startTo: '2023-01-01' })}`)
        .expect(400);
      expect(dates.body.errors[0].field).toBe('startTo');
      const dimension = await steering
        .get(`/api/analytics/breakdowns?${query({ dimension: 'religion' })}`)
        .expect(400);
      expect(dimension.body.errors[0].field).toBe('dimension');
      await steering
        .get(`/api/analytics/overview?programmeId=00000000-0000-4000-8000-000000000000`)
        .expect(404);
    });

    it('shows the steering group comments only past the threshold, without names or cohorts', async () => {
      const comments = (await steering.get(`/api/analytics/comments?${query({ stage: 'post' })}`).expect(200))
        .body as CommentsReport;
      expect(comments.withheld).toBe(false);
      expect(comments.comments.items.length).toBeGreaterThanOrEqual(THRESHOLD);
      for (const comment of comments.comments.items) {
        expect(comment.text).not.toMatch(/Analytics Person\d+/);
        expect(comment.cohortName).toBeNull();
      }
      const small = (
        await steering.get(`/api/analytics/comments?${query({ systemId: fixture.systems.QJM })}`).expect(200)
      ).body as CommentsReport;
      expect(small.withheld).toBe(true);
      expect(small.comments.items).toEqual([]);
      expect(small.comments.total).toBe(0);
    });
  });

  describe('exports', () => {
    it('downloads a dashboard table as CSV with withheld cells marked, for the steering group', async () => {
      const response = await steering
        .get(
          `/api/analytics/export/breakdown.csv?${query({ dimension: 'disability', systemId: fixture.systems.QK1 })}`,
        )
        .expect(200)
        .expect('Content-Type', /text\/csv/);
      const lines = response.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'dimension,category,trained,paired,item_code,item_wording,headline_n,mean_change,improved_share',
      );
      expect(response.text).toContain('withheld');
      expect(lines.at(-1)).toMatch(/^disability,Total,/);
    });

    it('downloads the same table as XLSX with an About sheet', async () => {
      const response = await lead
        .get(`/api/analytics/export/funnel.xlsx?${query({})}`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(2).getCell(1).value).toBe('Overall');
      expect(sheet.getRow(2).getCell(3).value).toBe(fixture.people.length);
      expect(workbook.getWorksheet('About')).toBeDefined();
    });

    it('streams the matched-ID export to leads only: one row per respondent and a codebook', async () => {
      await steering.get(`/api/analytics/matched-export.xlsx?programmeId=${fixture.programmeId}`).expect(403);
      const response = await lead
        .get(`/api/analytics/matched-export.xlsx?programmeId=${fixture.programmeId}`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const sheet = workbook.getWorksheet('Responses')!;
      const respondents = fixture.people.filter((person) => person.pre || person.post).length;
      expect(sheet.rowCount).toBe(respondents + 1);
      const header = (sheet.getRow(1).values as string[]).slice(1);
      expect(header).toEqual(
        expect.arrayContaining(['respondent', 'pre.confidence_intervene', 'post.confidence_intervene']),
      );
      expect(JSON.stringify(sheet.getRow(2).values)).not.toContain('@nhs.test');
      const codebook = workbook.getWorksheet('Codebook')!;
      expect(codebook.getColumn(1).values).toContain('post.retro_confidence_intervene');
    });

    it('renders the board report PDF with headline figures, withheld breakdowns and the framework', async () => {
      const response = await steering
        .get(`/api/analytics/board-report.pdf?${query({})}`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
        .expect('Content-Type', 'application/pdf');
      const text = pdfText(response.body as Buffer);
      expect(text).toContain('Impact report for the ICB Board');
      expect(text).toContain('Active Bystanders trained (certified)');
      expect(text).toContain(String(certified(fixture.people).length));
      expect(text).toContain('Withheld');
      expect(text).toContain('Evaluation framework');
    });

    it('makes a board report a Board secretary can file: named items, UK dates, page numbers, branding, tagged', async () => {
      const response = await steering
        .get(`/api/analytics/board-report.pdf?${query({ group: 'home' })}`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const pdf = response.body as Buffer;
      const text = pdfText(pdf);
      // Items by their short label (the lead can edit it), never by their code.
      for (const label of [
        'Confidence to intervene',
        '5 Ds: Direct',
        '5 Ds: Document',
        'Knows where to get support',
      ])
        expect(text).toContain(label);
      for (const code of [
        'confidence_intervene',
        'confidence intervene',
        'd_direct',
        'd direct',
        'know_support',
      ])
        expect(text).not.toContain(code);
      // The title page: the service owner (NHS identity by default), the period and filters in words.
      expect(text).toContain('Leicester, Leicestershire and Rutland Integrated Care Board');
      expect(text).toContain('NHS');
      expect(text).toMatch(
        /Reporting period\s+(All cohorts to date|Cohorts starting \d{1,2} [A-Z][a-z]+ \d{4})/,
      );
      expect(text).toMatch(/Filters applied\s+Systems: the home system/);
      expect(text).toMatch(
        /Generated\s+\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, (\d{1,2}:\d{2}(am|pm)|midday|midnight)/,
      );
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      // Every page numbered "Page n of N", and every chart on one scale with its axis titled.
      const info = pdfInfo(pdf);
      const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
      expect(pages).toBeGreaterThan(2);
      for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
      expect(text).toContain('People whose answer went up (% of paired people)');
      expect(text).toContain('Average answer, 1 to 5');
      expect(text).toContain('Average answer, 0 to 10');
      expect(text).toContain('People answering yes (%)');
      expect(text).toContain('Certified, running total');
      expect(text).toContain('Quarter of certification');
      expect(text).toContain('Protecting small numbers');
      expect(text).toContain('docs/disclosure-policy.md');
      // Tagged for screen readers, in English, with its title shown.
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^Title:\s+.+: impact report for the ICB Board$/m);
    });

    it('refuses an unknown export table, naming the field', async () => {
      const response = await steering.get(`/api/analytics/export/people.csv?${query({})}`).expect(400);
      expect(response.body.errors[0].field).toBe('file');
    });
  });

  describe('the steering group never receives a count under the threshold, directly or by subtraction', () => {
    interface View {
      name: string;
      params: Record<string, string | undefined>;
      people: Set<number>;
      fy: [number | null, number | null];
      unitPeople: Set<number>;
    }
    interface Published {
      view: View;
      cells: Map<string, number | null>;
      problems: string[];
    }

    const fyRanges: [string | undefined, string | undefined, number | null, number | null][] = [
      [undefined, undefined, null, null],
      ['2022-04-01', '2023-03-31', 2022, 2022],
      ['2023-04-01', '2024-03-31', 2023, 2023],
      ['2022-04-01', '2024-03-31', 2022, 2023],
    ];

    function views(): View[] {
      const home = (person: FixturePerson) => person.system === 'QK1';
      const units: [string, Record<string, string>, (person: FixturePerson) => boolean][] = [
        ['all', {}, () => true],
        ['home', { group: 'home' }, home],
        ['scale-up', { group: 'scale-up' }, (person) => !home(person)],
        ...(Object.entries(fixture.systems) as [FixturePerson['system'], string][]).map(
          ([ods, id]): [string, Record<string, string>, (person: FixturePerson) => boolean] => [
            ods,
            { systemId: id },
            (person) => person.system === ods,
          ],
        ),
        ...(Object.entries(fixture.organisations) as [FixturePerson['organisation'], string][]).map(
          ([ods, id]): [string, Record<string, string>, (person: FixturePerson) => boolean] => [
            ods,
            { organisationId: id },
            (person) => person.organisation === ods,
          ],
        ),
        ...fixture.cohorts.map(
          (cohort, i): [string, Record<string, string>, (person: FixturePerson) => boolean] => [
            cohort.name,
            { cohortId: cohort.id },
            (person) => person.cohort === i && person.system === cohort.system,
          ],
        ),
      ];
      return units.flatMap(([name, params, inUnit]) =>
        fyRanges.map(([startFrom, startTo, fyFrom, fyTo]) => {
          const unitPeople = new Set(fixture.people.filter(inUnit).map((person) => person.index));
          const people = new Set(
            fixture.people
              .filter((person) => {
                const fy = fixture.cohorts[person.cohort]!.fy;
                return (
                  inUnit(person) &&
                  (fyFrom === null || fy >= fyFrom) &&
                  (fyTo === null || fy <= (fyTo as number))
                );
              })
              .map((person) => person.index),
          );
          return {
            name: `${name} ${startFrom ?? ''}–${startTo ?? ''}`,
            params: { ...params, startFrom, startTo },
            people,
            fy: [fyFrom, fyTo],
            unitPeople,
          };
        }),
      );
    }

    /** Every count in every report for one view, keyed so the same figure can be compared across views. */
    async function publishedCells(view: View): Promise<Published> {
      const cells = new Map<string, number | null>();
      const problems: string[] = [];
      const put = (key: string, count: Count) => cells.set(key, count.suppressed ? null : count.value);
      const lineCheck = (name: string, parts: (number | null)[], total: number | null) => {
        const unknownParts = parts.filter((value) => value === null).length;
        if (unknownParts === 1 && total !== null)
          problems.push(`${view.name}: ${name} has one withheld part`);
      };
      const get = async <T>(path: string, extra: Record<string, string> = {}) =>
        (await steering.get(`/api/analytics/${path}?${query({ ...view.params, ...extra })}`).expect(200))
          .body as T;

      const overview = await get<AnalyticsOverview>('overview');
      put('trained', overview.trained);
      put('trained:home', overview.trainedHome);
      put('trained:scale-up', overview.trainedScaleUp);
      put('paired', overview.pairedPrePost);
      lineCheck(
        'overview trained',
        [overview.trainedHome.value, overview.trainedScaleUp.value],
        overview.trained.value,
      );

      const items = await get<ItemAnalyticsReport>('items', { from: 'pre', to: 'post' });
      for (const item of items.items) {
        put(`item:${item.itemCode}:from`, item.nFrom);
        put(`item:${item.itemCode}:to`, item.nTo);
        put(`item:${item.itemCode}:paired`, item.nPaired);
        // A response rate with a published numerator gives away its denominator: count it as published too.
        if (item.responseRate && item.nTo.value)
          cells.set('item:invited', Math.round(item.nTo.value / item.responseRate));
        // Survey results are whole groups (docs/disclosure-policy.md): what can be differenced is the group's base,
        // checked above and below like a count; a published group's shares are whole, a withheld group shows none.
        if (
          item.withheld &&
          (item.meanChange !== null ||
            item.wilcoxon !== null ||
            item.improvedShare !== null ||
            item.distributionFrom !== null ||
            item.distributionTo !== null ||
            item.mcnemar !== null)
        )
          problems.push(`${view.name}: statistics shown for withheld ${item.itemCode}`);
        for (const side of ['distributionFrom', 'distributionTo'] as const) {
          const shares = item[side];
          if (shares && Math.abs(shares.reduce((sum, share) => sum + share, 0) - 1) > 1e-9)
            problems.push(`${view.name}: ${item.itemCode} ${side} does not add up to 100%`);
        }
      }
      for (const construct of items.constructs) {
        put(`construct:${construct.construct}`, construct.nPaired);
        if (construct.withheld && (construct.meanChange !== null || construct.pValue !== null))
          problems.push(`${view.name}: statistics shown for withheld ${construct.construct}`);
      }
      const headlineGroup = items.items.find((item) => item.itemCode === 'confidence_intervene')?.nPaired;

      for (const dimension of BREAKDOWN_DIMENSIONS) {
        const breakdown = await get<Breakdown>('breakdowns', { dimension });
        for (const row of breakdown.rows.items) {
          put(`breakdown:${dimension}:${row.key}:trained`, row.trained);
          put(`breakdown:${dimension}:${row.key}:paired`, row.paired);
          cells.set(`breakdown:${dimension}:${row.key}:headline`, row.headlineN);
          if (row.headlineMeanChange !== null && (row.headlineN === null || row.headlineN < THRESHOLD))
            problems.push(`${view.name}: mean change shown for a small ${dimension} group`);
        }
        // The categories' headline groups split the view's headline group.
        lineCheck(
          `${dimension} headline`,
          breakdown.rows.items.map((row) => row.headlineN),
          headlineGroup?.value ?? null,
        );
        for (const measure of ['trained', 'paired'] as const)
          lineCheck(
            `${dimension} ${measure}`,
            breakdown.rows.items.map((row) => row[measure].value),
            (measure === 'trained' ? breakdown.totalTrained : breakdown.totalPaired).value,
          );
      }

      const funnel = await get<FunnelReport>('funnel');
      funnel.stages.forEach((stage, i) => {
        put(`funnel:${stage}`, funnel.overall[i]!);
        for (const row of funnel.bySystem) put(`funnel:system:${row.key}:${stage}`, row.counts[i]!);
        for (const row of funnel.byOrganisation) put(`funnel:org:${row.key}:${stage}`, row.counts[i]!);
        lineCheck(
          `funnel ${stage} by system`,
          funnel.bySystem.map((row) => row.counts[i]!.value),
          funnel.overall[i]!.value,
        );
        lineCheck(
          `funnel ${stage} by organisation`,
          funnel.byOrganisation.map((row) => row.counts[i]!.value),
          funnel.overall[i]!.value,
        );
      });
      // Stages of the whole programme, a group and a system are operational counts, published as they are; an
      // organisation's or a cohort's stages must not drop by a few identifiable people.
      const chain = funnel.overall
        .map((count) => count.value)
        .filter((value): value is number => value !== null);
      if (view.params['organisationId'] || view.params['cohortId'])
        chain.slice(1).forEach((value, i) => {
          const drop = chain[i]! - value;
          if (drop > 0 && drop < THRESHOLD) problems.push(`${view.name}: funnel drop of ${drop}`);
        });

      const reach = await get<ReachReport>('reach');
      for (const row of reach.rows) put(`reach:${row.organisationId}`, row.trained);

      const cumulative = await get<CumulativeReport>('cumulative');
      let previous: number | null = null;
      for (const point of cumulative.points) {
        put(`cumulative:${point.month}:home`, point.home);
        put(`cumulative:${point.month}:scale-up`, point.scaleUp);
        put(`cumulative:${point.month}:total`, point.total);
        lineCheck(`cumulative ${point.month}`, [point.home.value, point.scaleUp.value], point.total.value);
        if (point.total.value !== null) {
          if (
            previous !== null &&
            point.total.value - previous > 0 &&
            point.total.value - previous < THRESHOLD
          )
            problems.push(`${view.name}: cumulative rose by ${point.total.value - previous}`);
          previous = point.total.value;
        }
      }

      const rates = await get<ResponseRateReport>('response-rates', { pageSize: '100' });
      expect(rates.cohorts.total).toBeLessThanOrEqual(100);
      for (const row of rates.cohorts.items) {
        put(`rates:${row.cohortId}:pre-asked`, row.preAsked);
        put(`rates:${row.cohortId}:post-asked`, row.postAsked);
        put(`rates:${row.cohortId}:pre`, row.pre);
        put(`rates:${row.cohortId}:post`, row.post);
      }
      const comments = await get<CommentsReport>('comments');
      put('comments', comments.total);

      for (const [key, value] of cells)
        if (value !== null && value > 0 && value < THRESHOLD)
          problems.push(`${view.name}: ${key} = ${value}`);
      return { view, cells, problems };
    }

    const isSubset = (a: Set<number>, b: Set<number>) => [...a].every((x) => b.has(x));

    it('for every filter combination, every report, and every pair or partition of views', async () => {
      const all = views();
      const published: Published[] = [];
      for (const view of all) published.push(await publishedCells(view));
      const problems = published.flatMap((entry) => entry.problems);

      // Pairs: a view inside another — subtracting any figure both publish must not describe 1–9 people.
      for (const inner of published)
        for (const outer of published) {
          if (inner === outer || !isSubset(inner.view.people, outer.view.people)) continue;
          for (const [key, value] of inner.cells) {
            const wider = outer.cells.get(key);
            if (value === null || wider === null || wider === undefined) continue;
            const difference = wider - value;
            if (difference > 0 && difference < THRESHOLD)
              problems.push(`${outer.view.name} − ${inner.view.name}: ${key} differs by ${difference}`);
          }
        }

      // Partitions: a view split into parts — if all but one part is published, the last must not be small.
      const byName = new Map(published.map((entry) => [entry.view.name, entry]));
      const partitions: [string, string[]][] = [];
      const dateNames = fyRanges.map(([from, to]) => `${from ?? ''}–${to ?? ''}`);
      const [allTime, fy2022, fy2023] = dateNames as [string, string, string, string];
      const unitNames = [
        'all',
        'home',
        'scale-up',
        'QK1',
        'QPM',
        'QJM',
        'RWE',
        'RT5',
        'RP1',
        'ZZT01',
        'ZZT02',
        ...fixture.cohorts.map((c) => c.name),
      ];
      for (const unit of unitNames)
        partitions.push([`${unit} ${allTime}`, [`${unit} ${fy2022}`, `${unit} ${fy2023}`]]);
      for (const date of dateNames) {
        partitions.push([`all ${date}`, [`home ${date}`, `scale-up ${date}`]]);
        partitions.push([`scale-up ${date}`, [`QPM ${date}`, `QJM ${date}`]]);
        partitions.push([`QK1 ${date}`, [`RWE ${date}`, `RT5 ${date}`]]);
        partitions.push([`QPM ${date}`, [`RP1 ${date}`, `ZZT02 ${date}`]]);
        partitions.push([
          `QK1 ${date}`,
          fixture.cohorts.filter((c) => c.system === 'QK1').map((c) => `${c.name} ${date}`),
        ]);
      }
      for (const [parentName, partNames] of partitions) {
        const parent = byName.get(parentName)!;
        const parts = partNames.map((name) => byName.get(name)!);
        const union = new Set(parts.flatMap((part) => [...part.view.people]));
        if (union.size !== parent.view.people.size) continue; // not a partition of this parent in the data
        for (const [key, total] of parent.cells) {
          if (total === null) continue;
          const values = parts.map((part) => part.cells.get(key) ?? 0);
          const unknown = values.filter((value) => value === null).length;
          if (unknown !== 1) continue;
          const derived = total - values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
          if (derived > 0 && derived < THRESHOLD)
            problems.push(`${parentName} minus parts reveals ${key} = ${derived}`);
        }
      }

      expect(problems).toEqual([]);
      // The test only means something if the data set forces suppression somewhere.
      expect(published.some((entry) => [...entry.cells.values()].some((value) => value === null))).toBe(true);
      expect(
        published.some((entry) => [...entry.cells.values()].some((value) => (value ?? 0) >= THRESHOLD)),
      ).toBe(true);
    }, 300_000);
  });
});
