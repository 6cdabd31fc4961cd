import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Component, input } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import {
  AnalyticsFilterOptions,
  AnalyticsOverview,
  Breakdown,
  CommentsReport,
  Count,
  CumulativeReport,
  FUNNEL_STAGES,
  FunnelReport,
  ItemAnalytics,
  ItemAnalyticsReport,
  ReachReport,
  ResponseRateReport,
  Role,
} from '@upstand/contracts';
import { BehaviorSubject } from 'rxjs';
import { signInAs, user } from '../../../testing/fixtures';
import { ChartComponent } from '../../shared/charts/chart.component';
import { ImpactPage } from './impact.page';
import { AnswersReportComponent } from './reports/answers-report.component';
import { groupComments } from './reports/comments-report.component';
import { CumulativeReportComponent } from './reports/cumulative-report.component';
import { FunnelReportComponent } from './reports/funnel-report.component';

/** Stands in for the canvas chart, which jsdom cannot draw; keeps the accessible name to check. */
@Component({ selector: 'app-chart', template: '<p class="stub-chart">{{ label() }}</p>' })
class StubChart {
  readonly config = input<unknown>();
  readonly label = input('');
  readonly height = input(320);
  readonly testId = input<string | null>(null);
}

const count = (value: number): Count => ({ value, suppressed: false });
const SMALL: Count = { value: null, suppressed: true, reason: 'small' };
const SECONDARY: Count = { value: null, suppressed: true, reason: 'secondary' };
const PROTECTED = { suppressionApplied: true, threshold: 10, startFrom: null, startTo: null };

const OPTIONS: AnalyticsFilterOptions = {
  programmes: [
    { id: 'programme-1', name: 'Active Bystander Programme' },
    { id: 'programme-2', name: 'Pilot' },
  ],
  systems: [
    { id: 'system-llr', odsCode: 'QK1', name: 'LLR ICB', group: 'home' },
    { id: 'system-bsol', odsCode: 'QHL', name: 'Birmingham and Solihull ICB', group: 'scale-up' },
  ],
  organisations: [
    { id: 'org-rwe', odsCode: 'RWE', name: 'University Hospitals of Leicester', systemId: 'system-llr' },
  ],
  cohorts: [{ id: 'cohort-1', name: 'LLR spring', startDate: '2025-04-10', systemId: 'system-llr' }],
};

const HEADLINE: ItemAnalytics = {
  itemCode: 'confidence_intervene',
  wording: 'I feel confident to intervene and de-escalate',
  type: 'likert-5',
  construct: 'confidence-to-intervene',
  withheld: false,
  withheldReason: null,
  nFrom: count(60),
  nTo: count(48),
  nPaired: count(45),
  responseRate: 0.8,
  meanFrom: 2.6,
  meanTo: 4.1,
  medianFrom: 3,
  medianTo: 4,
  meanChange: 1.48,
  ci95: [1.2, 1.76],
  improvedShare: 0.78,
  sameShare: 0.18,
  worseShare: 0.04,
  wilcoxon: { statistic: 600, pValue: 0.00001, pValueHolm: 0.00004, z: 5.2, method: 'normal' },
  effectSizeR: 0.55,
  mcnemar: null,
  distributionFrom: [0.1, 0.3, 0.3, 0.2, 0.1],
  distributionTo: [0, 0.05, 0.1, 0.45, 0.4],
};

const OVERVIEW: AnalyticsOverview = {
  ...PROTECTED,
  trained: count(1234),
  trainedHome: count(900),
  trainedScaleUp: count(334),
  scaleUpShare: 0.2707,
  pairedPrePost: count(45),
  headline: HEADLINE,
};

const ITEMS: ItemAnalyticsReport = {
  ...PROTECTED,
  from: 'pre',
  to: 'post',
  items: [
    HEADLINE,
    {
      ...HEADLINE,
      itemCode: 'speak_up',
      wording: 'I speak up',
      withheld: true,
      withheldReason: 'small',
      nPaired: SMALL,
      meanChange: null,
    },
    { ...HEADLINE, itemCode: 'comment', wording: 'Anything else?', type: 'free-text' },
  ],
  constructs: [
    {
      construct: 'confidence-to-intervene',
      itemCodes: ['confidence_intervene'],
      withheld: false,
      withheldReason: null,
      nPaired: count(45),
      meanFrom: 2.6,
      meanTo: 4.1,
      meanChange: 1.5,
      ci95: [1.2, 1.8],
      t: 9.87,
      df: 44,
      pValue: 0.0000001,
      cohensDz: 1.47,
    },
  ],
};

const BREAKDOWN: Breakdown = {
  ...PROTECTED,
  dimension: 'group',
  rows: {
    page: 1,
    pageSize: 25,
    total: 2,
    items: [
      {
        key: 'home',
        label: 'Home system',
        trained: count(900),
        paired: count(40),
        headlineN: 40,
        headlineMeanChange: 1.5,
        headlineImprovedShare: 0.8,
        headlineWithheld: null,
      },
      {
        key: 'scale-up',
        label: 'Midlands scale-up',
        trained: count(334),
        paired: SMALL,
        headlineN: null,
        headlineMeanChange: null,
        headlineImprovedShare: null,
        headlineWithheld: 'small',
      },
    ],
  },
  totalTrained: count(1234),
  totalPaired: SECONDARY,
};

const FUNNEL: FunnelReport = {
  ...PROTECTED,
  stages: [...FUNNEL_STAGES],
  overall: [count(2000), count(1800), count(1500), count(1300), count(1234), SMALL],
  bySystem: [
    {
      key: 'system-llr',
      label: 'LLR ICB',
      counts: [count(2000), count(1800), count(1500), count(1300), count(1234), SMALL],
    },
  ],
  byOrganisation: [],
};

const REACH: ReachReport = {
  ...PROTECTED,
  rows: [
    {
      organisationId: 'org-rwe',
      odsCode: 'RWE',
      name: 'University Hospitals of Leicester',
      trained: count(500),
      headcount: 20000,
      headcountAsOf: '2026-03-31',
      perThousandStaff: 25,
    },
  ],
  systems: [
    {
      systemId: 'sys-qk1',
      odsCode: 'QK1',
      name: 'Leicester, Leicestershire and Rutland',
      trained: count(700),
      headcount: 26000,
      headcountAsOf: '2025-03-31',
      organisationsWithHeadcount: 2,
      organisations: 3,
      perThousandStaff: 26.9,
    },
  ],
};

const CUMULATIVE: CumulativeReport = {
  ...PROTECTED,
  points: [{ month: '2025-05', home: count(20), scaleUp: SMALL, total: SECONDARY }],
};

const RATES: ResponseRateReport = {
  ...PROTECTED,
  cohorts: {
    total: 1,
    page: 1,
    pageSize: 25,
    items: [
      {
        cohortId: 'cohort-1',
        cohortName: 'LLR spring',
        startDate: '2025-04-10',
        preAsked: count(24),
        postAsked: count(20),
        pre: count(20),
        post: count(15),
        preRate: 0.833,
        postRate: 0.75,
      },
    ],
  },
};

const COMMENTS: CommentsReport = {
  ...PROTECTED,
  withheld: false,
  total: count(12),
  comments: {
    items: [
      { itemCode: 'comment', stage: 'post', text: 'I stepped in for the first time.', cohortName: null },
    ],
    total: 14,
    page: 1,
    pageSize: 25,
  },
};

const RESPONSES: Record<string, object> = {
  overview: OVERVIEW,
  items: ITEMS,
  breakdowns: BREAKDOWN,
  funnel: FUNNEL,
  reach: REACH,
  cumulative: CUMULATIVE,
  'response-rates': RATES,
  comments: COMMENTS,
};

/**
 * Lets the reports start their requests. Not \`whenStable\`: a report loading is a pending task, so the page is not
 * stable until its requests are answered.
 */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let round = 0; round < 3; round++) {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function render(roles: Role[], query: Record<string, string> = {}) {
  const queryParamMap = new BehaviorSubject(convertToParamMap(query));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: ActivatedRoute, useValue: { queryParamMap } },
    ],
  });
  for (const report of [AnswersReportComponent, FunnelReportComponent, CumulativeReportComponent])
    TestBed.overrideComponent(report, {
      remove: { imports: [ChartComponent] },
      add: { imports: [StubChart] },
    });
  await signInAs(user(roles));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ImpactPage);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, http, queryParamMap };
}

/** Answers the filter options, then every report; returns the report requests made. */
async function flushAll(
  http: HttpTestingController,
  fixture: ComponentFixture<ImpactPage>,
  overrides: Record<string, object> = {},
): Promise<TestRequest[]> {
  http.expectOne((request) => request.url === '/api/analytics/filter-options').flush(OPTIONS);
  await settle(fixture);
  const requests = http.match((request) => request.url.startsWith('/api/analytics/'));
  for (const request of requests) {
    const name = request.request.url.replace('/api/analytics/', '');
    request.flush({ ...RESPONSES, ...overrides }[name] ?? null);
  }
  await fixture.whenStable();
  return requests;
}

const cells = (row: Element | null | undefined) =>
  Array.from(row?.querySelectorAll('th, td') ?? []).map((cell) => text(cell));
const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('ImpactPage', () => {
  it('reports on the first programme by default and shows the headline figures', async () => {
    const { fixture, element, http } = await render(['steering']);
    const requests = await flushAll(http, fixture);
    expect(requests.map((request) => request.request.urlWithParams).sort()).toEqual([
      '/api/analytics/breakdowns?programmeId=programme-1&dimension=group',
      '/api/analytics/comments?programmeId=programme-1&stage=post',
      '/api/analytics/cumulative?programmeId=programme-1',
      '/api/analytics/funnel?programmeId=programme-1',
      '/api/analytics/items?programmeId=programme-1&from=pre&to=post',
      '/api/analytics/overview?programmeId=programme-1',
      '/api/analytics/reach?programmeId=programme-1',
      '/api/analytics/response-rates?programmeId=programme-1',
    ]);

    expect(text(element.querySelector('[data-testid="tile-trained"]'))).toContain('1,234');
    expect(text(element.querySelector('[data-testid="tile-scale-up"]'))).toContain('27% of everyone trained');
    const headline = text(element.querySelector('[data-testid="tile-headline"]'));
    expect(headline).toContain('+1.48');
    expect(headline).toContain('95% CI 1.20 to 1.76');
    expect(headline).toContain('p < 0.001');
    expect(headline).toContain('r = 0.55, a large effect');
    expect(text(element.querySelector('[data-testid="post-response-rate"]'))).toContain(
      '80% of the people asked answered the questionnaire after the programme',
    );
    expect(text(element.querySelector('[data-testid="suppression-note"]'))).toContain('fewer than 10 people');
  });

  it('states the base beside each statistic', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    expect(text(element.querySelector('[data-testid="headline-base"]'))).toBe('n = 45 paired');
    expect(text(element.querySelector('[data-testid="post-response-rate"]'))).toContain(
      '(based on 48 people who answered after)',
    );
    const headers = Array.from(element.querySelectorAll('[data-testid="answers-table"] thead th'));
    expect(headers.map((header) => text(header))).toContain('People paired');
  });

  it('summarises how small numbers are protected, with the threshold in force', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    const policy = element.querySelector('[data-testid="disclosure-policy"]');
    expect(text(policy?.querySelector('summary'))).toBe('How we protect small numbers');
    expect(text(policy)).toContain(
      'are shown only for groups of 10 or more respondents, and then in full, so shares add up to 100%.',
    );
    expect(text(policy)).toContain('docs/disclosure-policy.md');
  });

  it('gives reach for each system and organisation with the date each headcount was taken', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    const system = element.querySelector('[data-testid="reach-system-table"] tbody tr');
    expect(cells(system)).toEqual([
      'Leicester, Leicestershire and Rutland',
      '700',
      '26,000 2 of 3 organisations, oldest counted 31 March 2025',
      '26.9',
    ]);
    const organisation = element.querySelector('[data-testid="reach-table"] tbody tr');
    expect(cells(organisation)).toEqual([
      'University Hospitals of Leicester RWE',
      '500',
      '20,000 counted 31 March 2026',
      '25.0',
    ]);
  });

  it("gives each stage's response rate out of the people asked at that stage", async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    const table = element.querySelector('[data-testid="response-rates-table"]');
    expect(Array.from(table?.querySelectorAll('thead th') ?? []).map((th) => text(th))).toEqual([
      'Cohort',
      'Starts',
      'Asked before',
      'Answered before',
      'Rate before',
      'Asked after',
      'Answered after',
      'Rate after',
    ]);
    expect(cells(table?.querySelector('tbody tr'))).toEqual([
      'LLR spring',
      '10 April 2025',
      '24',
      '20',
      '83%',
      '20',
      '15',
      '75%',
    ]);
  });

  it('shows a statement whose answers are withheld as withheld in the chart and its table', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    const label = text(element.querySelector('.stub-chart'));
    expect(label).toContain('“I speak up”: withheld (fewer than 10 people answered before and after)');
    const rows = Array.from(element.querySelectorAll('[data-testid="answers-table"] tbody tr'));
    expect(cells(rows[2])).toEqual([
      'I speak up',
      'Before',
      'Withheld (fewer than 10 people)',
      'Withheld: fewer than 10 people answered before and after',
    ]);
  });

  it('says why a report failed and loads it again when asked', async () => {
    const { fixture, element, http } = await render(['steering']);
    http.expectOne((request) => request.url === '/api/analytics/filter-options').flush(OPTIONS);
    await settle(fixture);
    for (const request of http.match((request) => request.url.startsWith('/api/analytics/'))) {
      if (request.request.url.endsWith('/reach'))
        request.flush({ message: 'Sorry' }, { status: 500, statusText: 'Server Error' });
      else request.flush(RESPONSES[request.request.url.replace('/api/analytics/', '')]);
    }
    await fixture.whenStable();
    const failed = element.querySelector('[aria-labelledby="reach-heading"] [data-testid="report-failed"]');
    expect(text(failed)).toContain('The reach could not be loaded.');
    failed?.querySelector('button')?.click();
    await settle(fixture);
    http.expectOne('/api/analytics/reach?programmeId=programme-1').flush(REACH);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="reach-table"]')).not.toBeNull();
  });

  it('shows withheld counts as "Withheld" with the reason, never as 0', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);

    const breakdown = element.querySelector('[data-testid="breakdown-table"]');
    const rows = Array.from(breakdown?.querySelectorAll('tbody tr') ?? []).map((row) => text(row));
    expect(rows[0]).toBe('Home system 900 40 +1.50 80%');
    expect(rows[1]).toContain('Withheld (fewer than 10 people)');
    expect(text(breakdown?.querySelector('tfoot'))).toBe(
      'Total 1,234 Withheld (withheld so another figure cannot be worked out)',
    );
    const items = element.querySelector('[data-testid="items-table"]');
    expect(text(items)).toContain('Withheld: fewer than 10 people answered before and after');
    expect(text(items)).not.toContain('Anything else?');
    const answers = element.querySelectorAll('[data-testid="answers-table"] tbody tr');
    expect(cells(answers[1])).toEqual([
      'I feel confident to intervene and de-escalate',
      'After',
      '45',
      // A published group is shown whole: an answer nobody gave is 0%, not withheld.
      '0%',
      '5%',
      '10%',
      '45%',
      '40%',
    ]);
    expect(text(element.querySelector('[data-testid="cumulative-table"]'))).not.toMatch(/\b0\b/);
  });

  it('describes each chart in words and gives its data as a table', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    const labels = Array.from(element.querySelectorAll('.stub-chart')).map((chart) => text(chart));
    expect(labels).toHaveLength(3);
    expect(labels[0]).toContain('“I feel confident to intervene and de-escalate”: 30% before, 85% after');
    expect(labels[1]).toContain('Signed up 2,000');
    expect(labels[1]).toContain(
      'Active in the Community of Practice (this reporting year) withheld (fewer than 10 people)',
    );
    expect(labels[2]).toContain('home system 20');
    // Withheld points are gaps, and the page says so rather than letting them read as zero.
    expect(labels[2]).toContain('Gaps in a line are withheld figures, not zero.');
    expect(text(element.querySelector('[data-testid="cumulative-gap-note"]'))).toContain('it is not zero');
    expect(text(element.querySelector('[data-testid="funnel-gap-note"]'))).toContain('it is not zero');
    for (const id of ['answers-table', 'funnel-table', 'cumulative-table', 'funnel-system-table']) {
      const table = element.querySelector(`[data-testid="${id}"]`);
      expect(table?.querySelector('caption')).not.toBeNull();
      expect(table?.querySelectorAll('th[scope="col"]').length).toBeGreaterThan(1);
    }
    expect(cells(element.querySelector('[data-testid="constructs-table"] tbody tr'))).toEqual([
      'Confidence to intervene',
      '1',
      '45',
      '2.60',
      '4.10',
      '+1.50 (95% CI 1.20 to 1.80)',
      '9.87 (44)',
      '< 0.001',
      '1.47',
    ]);
  });

  it('sends the filters in the address to every report and the download links', async () => {
    const { fixture, element, http } = await render(['steering'], {
      programmeId: 'programme-2',
      startFrom: '2025-04-01',
      systemId: 'system-llr',
      dimension: 'ethnicity',
    });
    http.expectOne('/api/analytics/filter-options?programmeId=programme-2').flush(OPTIONS);
    await settle(fixture);
    const requests = http.match((request) => request.url.startsWith('/api/analytics/'));
    expect(requests.map((request) => request.request.urlWithParams)).toContain(
      '/api/analytics/breakdowns?programmeId=programme-2&startFrom=2025-04-01&systemId=system-llr&dimension=ethnicity',
    );
    for (const request of requests)
      request.flush(RESPONSES[request.request.url.replace('/api/analytics/', '')]);
    await fixture.whenStable();

    expect(element.querySelector<HTMLSelectElement>('#programmeId')?.value).toBe('programme-2');
    expect(
      ['#startFrom', '#startFrom-month', '#startFrom-year'].map(
        (id) => element.querySelector<HTMLInputElement>(id)?.value,
      ),
    ).toEqual(['1', '4', '2025']);
    expect(element.querySelector<HTMLSelectElement>('#systemId')?.value).toBe('system-llr');
    expect(element.querySelector<HTMLSelectElement>('#dimension')?.value).toBe('ethnicity');
    const hrefs = Array.from(element.querySelectorAll('a[href^="/api/"]')).map((a) => a.getAttribute('href'));
    expect(hrefs).toContain(
      '/api/analytics/export/breakdown.csv?programmeId=programme-2&startFrom=2025-04-01&systemId=system-llr&dimension=ethnicity',
    );
    expect(hrefs).toContain(
      '/api/analytics/export/items.xlsx?programmeId=programme-2&startFrom=2025-04-01&systemId=system-llr',
    );
    expect(hrefs).toContain(
      '/api/analytics/board-report.pdf?programmeId=programme-2&startFrom=2025-04-01&systemId=system-llr',
    );
    expect(hrefs.some((href) => href?.includes('matched-export'))).toBe(false);
  });

  it('offers the matched responses only to a programme lead', async () => {
    const { fixture, element, http } = await render(['programme-lead']);
    await flushAll(http, fixture);
    const matched = Array.from(element.querySelectorAll('a')).find(
      (a) => text(a) === 'Matched responses (XLSX)',
    );
    expect(matched?.getAttribute('href')).toBe('/api/analytics/matched-export.xlsx?programmeId=programme-1');
  });

  it('puts the chosen filters in the address when applied', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    element.querySelector<HTMLSelectElement>('#group')!.value = 'scale-up';
    element.querySelector<HTMLInputElement>('#startTo')!.value = '31';
    element.querySelector<HTMLInputElement>('#startTo-month')!.value = '3';
    element.querySelector<HTMLInputElement>('#startTo-year')!.value = '2026';
    element
      .querySelector<HTMLFormElement>('form[role="search"]')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    expect(navigate).toHaveBeenCalledWith(['/impact'], {
      queryParams: { programmeId: 'programme-1', startTo: '2026-03-31', group: 'scale-up' },
    });
  });

  it('names a date filter missing its month, marking only the month box', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const box = (id: string) => element.querySelector<HTMLInputElement>(id)!;
    box('#startFrom').value = '1';
    box('#startFrom-year').value = '2026';
    box('#startFrom').dispatchEvent(new Event('input'));
    box('#startFrom-year').dispatchEvent(new Event('input'));
    element
      .querySelector<HTMLFormElement>('form[role="search"]')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    expect(navigate).not.toHaveBeenCalled();
    expect(element.querySelector('.nhsuk-error-summary a')?.getAttribute('href')).toBe('#startFrom');
    expect(text(element.querySelector('#startFrom-error'))).toContain(
      'Cohorts starting from must include a month',
    );
    expect(box('#startFrom-month').classList).toContain('nhsuk-input--error');
    expect(box('#startFrom-year').classList).not.toContain('nhsuk-input--error');
  });

  it('refuses two narrowing filters at once for a protected viewer, linking to the field', async () => {
    const { fixture, element, http } = await render(['sponsor']);
    await flushAll(http, fixture);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    element.querySelector<HTMLSelectElement>('#group')!.value = 'home';
    element.querySelector<HTMLSelectElement>('#cohortId')!.value = 'cohort-1';
    element
      .querySelector<HTMLFormElement>('form[role="search"]')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    expect(navigate).not.toHaveBeenCalled();
    const summary = element.querySelector('.nhsuk-error-summary');
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#cohortId');
    expect(text(element.querySelector('#cohortId-error'))).toContain('Choose only one');
  });

  it('says when the comments are withheld instead of listing them', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture, {
      comments: {
        ...COMMENTS,
        withheld: true,
        total: SMALL,
        comments: { items: [], total: 0, page: 1, pageSize: 25 },
      },
    });
    expect(text(element.querySelector('[data-testid="comments-withheld"]'))).toContain('fewer than 10');
    expect(element.querySelector('[data-testid="comments"]')).toBeNull();
  });

  it('lists the comments in blockquotes', async () => {
    const { fixture, element, http } = await render(['steering']);
    await flushAll(http, fixture);
    expect(text(element.querySelector('[data-testid="comments"] blockquote'))).toBe(
      'I stepped in for the first time.',
    );
    expect(text(element.querySelector('app-comments-report .app-page-summary'))).toBe(
      'Showing 1 to 14 of 14 comments',
    );
  });

  it('asks for the page of comments in the address and links to the next one', async () => {
    const { fixture, element, http } = await render(['steering'], { page: '2' });
    const requests = await flushAll(http, fixture, {
      comments: { ...COMMENTS, comments: { ...COMMENTS.comments, total: 60, page: 2 } },
    });
    expect(requests.map((request) => request.request.urlWithParams)).toContain(
      '/api/analytics/comments?programmeId=programme-1&stage=post&page=2',
    );
    expect(text(element.querySelector('app-comments-report .app-page-summary'))).toBe(
      'Showing 26 to 50 of 60 comments',
    );
    const pages = element.querySelector('nav[aria-label="Pages of comments"]');
    expect(text(pages?.querySelector('[rel="prev"]'))).toContain('Page 1 of 3');
    expect(text(pages?.querySelector('[rel="next"]'))).toContain('Page 3 of 3');
    // The next page opens at the comments, not at the top of a long page.
    expect(pages?.querySelector('[rel="next"]')?.getAttribute('href')).toBe('/?page=3#comments-heading');
  });

  it('asks for the page of response rates in the address and links to the next one at the table', async () => {
    const { fixture, element, http } = await render(['steering'], { ratesPage: '2' });
    const requests = await flushAll(http, fixture, {
      'response-rates': { ...RATES, cohorts: { ...RATES.cohorts, total: 9_876, page: 2 } },
    });
    expect(requests.map((request) => request.request.urlWithParams)).toContain(
      '/api/analytics/response-rates?programmeId=programme-1&page=2',
    );
    // The comments keep their own page: the rates' page is not theirs.
    expect(requests.map((request) => request.request.urlWithParams)).toContain(
      '/api/analytics/comments?programmeId=programme-1&stage=post',
    );
    expect(text(element.querySelector('app-response-rates-report .app-page-summary'))).toBe(
      'Showing 26 to 50 of 9,876 cohorts',
    );
    const pages = element.querySelector('nav[aria-label="Pages of response rates"]');
    expect(text(pages?.querySelector('[rel="prev"]'))).toContain('Page 1 of 396');
    expect(pages?.querySelector('[rel="next"]')?.getAttribute('href')).toBe(
      '/?ratesPage=3#response-rates-heading',
    );
  });

  it('shows a breakdown by cohort a page at a time, with the page in the address', async () => {
    const { fixture, element, http } = await render(['steering'], {
      dimension: 'cohort',
      breakdownPage: '2',
    });
    const requests = await flushAll(http, fixture, {
      breakdowns: {
        ...BREAKDOWN,
        dimension: 'cohort',
        rows: { ...BREAKDOWN.rows, page: 2, total: 10_021 },
      },
    });
    expect(requests.map((request) => request.request.urlWithParams)).toContain(
      '/api/analytics/breakdowns?programmeId=programme-1&dimension=cohort&page=2',
    );
    expect(text(element.querySelector('app-breakdown-report .app-page-summary'))).toBe(
      'Showing 26 to 50 of 10,021 cohorts',
    );
    const pages = element.querySelector('nav[aria-label="Pages of the breakdown"]');
    expect(text(pages?.querySelector('[rel="prev"]'))).toContain('Page 1 of 401');
    // The next page opens at the breakdown (the link merges into the address, so the dimension stays).
    expect(pages?.querySelector('[rel="next"]')?.getAttribute('href')).toBe(
      '/?breakdownPage=3#breakdown-heading',
    );
    expect(text(element.querySelector('app-breakdown-report'))).toContain('The download has every row.');
  });
});

describe('groupComments', () => {
  it('groups comments under their question, showing the first few and keeping the rest for "Show more"', () => {
    const comment = (itemCode: string, text: string) => ({
      itemCode,
      stage: 'post' as const,
      text,
      cohortName: null,
    });
    const groups = groupComments(
      [comment('plans', 'a'), comment('other', 'b'), comment('plans', 'c'), comment('plans', 'd')],
      new Map([['plans', 'What will you do differently?']]),
      2,
    );
    expect(
      groups.map((group) => [group.question, group.shown.map((c) => c.text), group.more.map((c) => c.text)]),
    ).toEqual([
      ['What will you do differently?', ['a', 'c'], ['d']],
      ['Other comments', ['b'], []],
    ]);
  });
});
