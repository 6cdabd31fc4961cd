import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { calendarEntry, signInAs, user } from '../../../testing/fixtures';
import { MySessionsPage } from './my-sessions.page';

const FEED = {
  url: 'https://upstand.example/api/calendar/feed/secret.ics',
  createdAt: '2027-03-01T10:00:00Z',
};

async function render(feed: 'none' | 'active') {
  jest.useFakeTimers({
    now: new Date('2027-03-10T12:00:00Z'),
    doNotFake: ['queueMicrotask', 'setTimeout', 'setInterval', 'requestAnimationFrame'],
  });
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['facilitator']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(MySessionsPage);
  await fixture.whenStable();
  const sessions = http.expectOne((r) => r.url === '/api/me/sessions');
  expect(sessions.request.params.toString()).toBe('from=2027-03-10&to=2028-03-10');
  sessions.flush([
    calendarEntry({
      sessionId: 'later',
      title: 'Action learning set',
      mode: 'virtual',
      startsAt: '2027-04-22T10:00:00+01:00',
      endsAt: '2027-04-22T11:30:00+01:00',
    }),
    calendarEntry(),
  ]);
  const feedRequest = http.expectOne('/api/me/calendar-feed');
  feedRequest.flush(
    feed === 'active' ? { active: true, createdAt: FEED.createdAt } : { active: false, createdAt: null },
  );
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  return { fixture, element, http, button };
}

describe('MySessionsPage', () => {
  afterEach(() => jest.useRealTimers());

  it('lists upcoming sessions in time order, in London time, with a calendar file for each', async () => {
    const { element } = await render('none');
    const items = Array.from(element.querySelectorAll('[data-testid="my-sessions"] > li'));
    expect(items.map((li) => li.querySelector('h3')?.textContent?.trim())).toEqual([
      'Active Bystander workshop: day 1',
      'Action learning set',
    ]);
    expect(items[0].textContent).toContain('Thursday 25 March 2027, 9:00am to 4:30pm');
    expect(items[1].textContent).toContain('Online');
    expect(items[0].querySelector('a[download]')?.getAttribute('href')).toBe('/api/sessions/session-1/ics');
  });

  it('offers to create a subscription link when there is none, then shows it once with a copy button', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { fixture, element, http, button } = await render('none');
    expect(element.querySelector('#feedUrl')).toBeNull();
    button('Create subscription link')?.click();
    const request = http.expectOne('/api/me/calendar-feed');
    expect(request.request.method).toBe('POST');
    request.flush(FEED, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    const input = element.querySelector<HTMLInputElement>('#feedUrl');
    expect(input?.value).toBe(FEED.url);
    expect(input?.readOnly).toBe(true);
    expect(element.querySelector('label[for="feedUrl"]')?.textContent).toBe('Subscription link');
    expect(element.querySelector('[data-testid="feed-shown-once"]')?.textContent).toContain(
      'This link is shown only once',
    );
    button('Copy link')?.click();
    await fixture.whenStable();
    expect(writeText).toHaveBeenCalledWith(FEED.url);
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Link copied.');
    expect(button('Replace link')).toBeDefined();
  });

  it('says an existing subscription cannot be shown again, and replaces or stops it', async () => {
    const { fixture, element, http, button } = await render('active');
    expect(element.querySelector('#feedUrl')).toBeNull();
    expect(element.querySelector('[data-testid="feed-active"]')?.textContent).toContain(
      'It cannot be shown again',
    );

    button('Replace link')?.click();
    http.expectOne({ url: '/api/me/calendar-feed', method: 'POST' }).flush({ ...FEED, url: 'https://new' });
    await fixture.whenStable();
    expect(element.querySelector<HTMLInputElement>('#feedUrl')?.value).toBe('https://new');
    expect(element.textContent).toContain('The old link no longer works');

    button('Stop subscription')?.click();
    http
      .expectOne({ url: '/api/me/calendar-feed', method: 'DELETE' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(element.querySelector('#feedUrl')).toBeNull();
    expect(button('Create subscription link')).toBeDefined();
  });
});
