import { Breakdown, ItemAnalyticsReport } from '@upstand/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buildAnalyticsFixture, fixturePeople } from './support/analytics-fixture';
import { ApiClient, createTestApp, TestApp } from './support/test-app';
import { binaryBody } from './support/binary-body';

/**
 * The exported tables must carry the API's figures unchanged: an analyst re-running a test or applying another
 * correction needs the p-value itself, not "0" because it was rounded to a few decimals.
 */
describe('impact exports keep full precision', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let steering: ApiClient;
  let programmeId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    steering = await testApp.signedIn('steering@demo.upstand.test');
    // The fixture twice over: every 0–10 item rises by 2 for everyone paired, so with about 70 pairs the
    // Wilcoxon p-values fall far below 1e-10, where rounding to any fixed number of decimals gives 0.
    const once = fixturePeople();
    const people = [...once, ...once.map((person) => ({ ...person, index: person.index + once.length }))];
    programmeId = (await buildAnalyticsFixture(testApp, lead, people)).programmeId;
  });
  afterAll(() => testApp.close());

  const params = () => `programmeId=${programmeId}&from=pre&to=post`;

  /** The export's rows as objects keyed by column name. */
  async function csvRows(client: ApiClient, path: string): Promise<Record<string, string>[]> {
    const response = await client
      .get(path)
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    return parse(response.text, { bom: true, columns: true }) as Record<string, string>[];
  }

  async function xlsxRows(client: ApiClient, path: string): Promise<Record<string, ExcelJS.Cell>[]> {
    const response = await client.get(path).buffer(true).parse(binaryBody).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const rows: Record<string, ExcelJS.Cell>[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) rows.push(Object.fromEntries(header.map((name, i) => [name, row.getCell(i + 1)])));
    });
    return rows;
  }

  it.each([
    ['a programme lead', () => lead],
    ['the steering group', () => steering],
  ])('writes the items table with the API’s p-values exactly, for %s', async (_who, client) => {
    const report = (await client().get(`/api/analytics/items?${params()}`).expect(200))
      .body as ItemAnalyticsReport;
    const tested = report.items.filter((item) => item.wilcoxon);
    expect(tested.length).toBeGreaterThan(3);
    // The data must reach the values a rounding bug would turn into 0, or this test proves nothing.
    expect(Math.min(...tested.map((item) => item.wilcoxon!.pValue))).toBeLessThan(1e-10);
    expect(report.items.some((item) => item.mcnemar)).toBe(true);

    const csv = await csvRows(client(), `/api/analytics/export/items.csv?${params()}`);
    const xlsx = await xlsxRows(client(), `/api/analytics/export/items.xlsx?${params()}`);
    expect(csv.length).toBe(report.items.length);
    expect(xlsx.length).toBe(report.items.length);
    for (const item of report.items) {
      const fromCsv = csv.find((row) => row['item_code'] === item.itemCode)!;
      const fromXlsx = xlsx.find((row) => row['item_code']?.value === item.itemCode)!;
      expect(fromCsv['item_wording']).toBe(item.wording);
      expect(fromXlsx['item_wording']!.value).toBe(item.wording);
      const numbers: [string, number | null | undefined][] = [
        ['wilcoxon_p', item.wilcoxon?.pValue],
        ['wilcoxon_p_holm', item.wilcoxon?.pValueHolm],
        ['mcnemar_p', item.mcnemar?.pValue],
        ['mean_change', item.meanChange],
        ['effect_size_r', item.effectSizeR],
        ['improved_share', item.improvedShare],
      ];
      for (const [column, expected] of numbers) {
        if (expected === null || expected === undefined) {
          expect([column, fromCsv[column]]).toEqual([column, '']);
          continue;
        }
        expect([column, Number(fromCsv[column])]).toEqual([column, expected]);
        expect([column, fromXlsx[column]!.value]).toEqual([column, expected]);
      }
      if (item.wilcoxon) {
        // Stored in full, shown in a format that does not display a small p-value as 0.00.
        expect(fromXlsx['wilcoxon_p']!.numFmt).toMatch(/E\+00/);
        expect(fromCsv['wilcoxon_p']).toBe(String(item.wilcoxon.pValue));
      }
    }
  });

  it('names the headline item beside the breakdown by its code and wording', async () => {
    const rows = await csvRows(
      steering,
      `/api/analytics/export/breakdown.csv?programmeId=${programmeId}&dimension=group`,
    );
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row['item_code']).toBe('confidence_intervene');
      expect(row['item_wording']).toMatch(/\w+ \w+/);
    }
    // Each category's headline change states its base, as the API does, or is withheld with it.
    const breakdown = (
      await steering.get(`/api/analytics/breakdowns?programmeId=${programmeId}&dimension=group`).expect(200)
    ).body as Breakdown;
    for (const category of breakdown.rows.items) {
      const row = rows.find((candidate) => candidate['category'] === category.label)!;
      expect(row['headline_n']).toBe(category.headlineWithheld ? 'withheld' : String(category.headlineN));
    }
    expect(breakdown.rows.items.some((category) => category.headlineN !== null)).toBe(true);
  });

  it('gives each column of the matched export its item code and wording in the codebook', async () => {
    const report = (await lead.get(`/api/analytics/items?${params()}`).expect(200))
      .body as ItemAnalyticsReport;
    const response = await lead
      .get(`/api/analytics/matched-export.xlsx?programmeId=${programmeId}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const codebook = workbook.getWorksheet('Codebook')!;
    const header = (codebook.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['column', 'stage', 'item_code', 'item_wording', 'type', 'construct', 'values']);
    const headline = report.items.find((item) => item.itemCode === 'confidence_intervene')!;
    let row: unknown[] = [];
    codebook.eachRow((candidate) => {
      if (candidate.getCell(1).value === 'post.confidence_intervene')
        row = (candidate.values as unknown[]).slice(1);
    });
    expect(row.slice(0, 4)).toEqual([
      'post.confidence_intervene',
      'post',
      'confidence_intervene',
      headline.wording,
    ]);
  });
});
