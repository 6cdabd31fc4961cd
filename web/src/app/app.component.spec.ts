import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Role } from '@upstand/contracts';
import { signInAs, user } from '../testing/fixtures';
import { AppComponent, itemsThatFit } from './app.component';
import { FeaturesService } from './core/features.service';

@Component({ template: '<h1>Stub page</h1>' })
class StubPage {}

async function renderShell(roles: Role[] | null, demoMailbox = true) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: '', component: StubPage },
        { path: 'login', component: StubPage },
        { path: 'organisations', component: StubPage },
      ]),
      provideHttpClient(),
      provideHttpClientTesting(),
    ],
  });
  await signInAs(roles ? user(roles) : null);
  TestBed.inject(FeaturesService).set({ demoMailbox });
  const fixture = TestBed.createComponent(AppComponent);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const navLabels = () =>
    Array.from(element.querySelectorAll('[data-testid="nav"] a')).map((a) => a.textContent?.trim());
  return { fixture, element, navLabels };
}

describe('AppComponent (shell)', () => {
  it('gives a programme lead Home, Cohorts, Calendar, Facilitators, Venues, Organisations, Programmes, Session feedback, Imports, Users, Audit log, Mailbox, Impact and Programme review, in that order', async () => {
    const { element, navLabels } = await renderShell(['programme-lead']);
    expect(element.querySelector('nav[aria-label="Primary navigation"]')).not.toBeNull();
    expect(navLabels()).toEqual([
      'Home',
      'Cohorts',
      'Calendar',
      'Facilitators',
      'Venues',
      'Organisations',
      'Programmes',
      'Session feedback',
      'Imports',
      'Users',
      'Audit log',
      'Mailbox',
      'Impact',
      'Programme review',
    ]);
    const hrefs = Array.from(element.querySelectorAll('[data-testid="nav"] a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(hrefs).toEqual([
      '/',
      '/cohorts',
      '/calendar',
      '/facilitators',
      '/venues',
      '/organisations',
      '/programmes',
      '/session-feedback',
      '/imports',
      '/admin/users',
      '/admin/audit',
      '/mailbox',
      '/impact',
      '/governance',
    ]);
  });

  it('offers a programme lead no Mailbox where emails are really sent', async () => {
    const { navLabels } = await renderShell(['programme-lead'], false);
    expect(navLabels()).not.toContain('Mailbox');
    expect(navLabels()).toContain('Programmes');
  });

  it('gives a facilitator Home, My sessions, Calendar, Cohorts and Community', async () => {
    const { navLabels } = await renderShell(['facilitator']);
    expect(navLabels()).toEqual(['Home', 'My sessions', 'Calendar', 'Cohorts', 'Community']);
  });

  it('adds My sessions to the lead navigation for someone who is also a facilitator', async () => {
    const { navLabels } = await renderShell(['facilitator', 'programme-lead']);
    expect(navLabels()).toEqual([
      'Home',
      'My sessions',
      'Cohorts',
      'Calendar',
      'Facilitators',
      'Venues',
      'Organisations',
      'Programmes',
      'Session feedback',
      'Imports',
      'Users',
      'Audit log',
      'Mailbox',
      'Impact',
      'Programme review',
    ]);
  });

  it('gives a delegate Home, My journey, Open cohorts and Community', async () => {
    const { element, navLabels } = await renderShell(['delegate']);
    expect(navLabels()).toEqual(['Home', 'My journey', 'Open cohorts', 'Community']);
    const hrefs = Array.from(element.querySelectorAll('[data-testid="nav"] a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(hrefs).toEqual(['/', '/journey', '/cohorts/open', '/community']);
  });

  it.each<[Role[], string[]]>([
    [['line-manager'], ['Home', 'My team']],
    [['sponsor'], ['Home', 'Our delegates', 'Impact']],
    [['steering'], ['Home', 'Impact', 'Programme review']],
    [
      ['line-manager', 'sponsor', 'steering'],
      ['Home', 'My team', 'Our delegates', 'Impact', 'Programme review'],
    ],
    [
      ['facilitator', 'line-manager'],
      ['Home', 'My sessions', 'Calendar', 'Cohorts', 'Community', 'My team'],
    ],
  ])('gives a user with roles %j the navigation %j', async (roles, expected) => {
    const { navLabels } = await renderShell(roles);
    expect(navLabels()).toEqual(expected);
  });

  it('offers the open cohorts and "Sign in" when nobody is signed in, and no account menu', async () => {
    const { element, navLabels } = await renderShell(null);
    expect(navLabels()).toEqual(['Open cohorts', 'Sign in']);
    expect(element.textContent).not.toContain('Sign out');
  });

  it('has the NHS page landmarks and a skip link to the main content', async () => {
    const { element } = await renderShell(['delegate']);
    expect(element.querySelector('a.nhsuk-skip-link')?.getAttribute('href')).toBe('#maincontent');
    expect(element.querySelectorAll('header').length).toBe(1);
    expect(element.querySelector('main#maincontent')).not.toBeNull();
    expect(element.querySelector('footer')).not.toBeNull();
  });

  it.each<[string, Role[] | null]>([
    ['signed out', null],
    ['a delegate', ['delegate']],
    ['a programme lead', ['programme-lead']],
  ])(
    'links every page (%s) to the privacy notice, cookies, accessibility statement and the service owner, and gives their copyright',
    async (_who, roles) => {
      const { fixture, element } = await renderShell(roles);
      TestBed.inject(FeaturesService).set({
        serviceOwnerName: 'NHS Coventry and Warwickshire Integrated Care Board',
        serviceOwnerContact: 'ig@cw.example.nhs.uk',
      });
      await fixture.whenStable();
      const links = Array.from(element.querySelectorAll('footer .nhsuk-footer__list a')).map((a) => [
        a.textContent?.trim(),
        a.getAttribute('href'),
      ]);
      expect(links).toEqual([
        ['Privacy notice', '/privacy'],
        ['Cookies', '/cookies'],
        ['Accessibility statement', '/accessibility'],
        ['Contact us', 'mailto:ig@cw.example.nhs.uk'],
      ]);
      const copyright = element.querySelector('footer .nhsuk-footer__meta [data-testid="service-owner"]');
      expect(copyright?.textContent?.trim()).toBe('© NHS Coventry and Warwickshire Integrated Care Board');
      expect(element.querySelector('footer')?.textContent).not.toContain('NHS England');
    },
  );

  it('leaves out the contact link and copyright until the installation says who runs it', async () => {
    const { fixture, element } = await renderShell(null);
    TestBed.inject(FeaturesService).set({ serviceOwnerName: '', serviceOwnerContact: '' });
    await fixture.whenStable();
    const footer = element.querySelector('footer') as HTMLElement;
    expect(Array.from(footer.querySelectorAll('a')).map((a) => a.textContent?.trim())).toEqual([
      'Privacy notice',
      'Cookies',
      'Accessibility statement',
    ]);
    expect(footer.querySelector('a[href^="mailto:"]')).toBeNull();
    expect(footer.textContent).not.toContain('©');
  });

  it("says on every page that a demo installation's data is made up, and nothing of the kind elsewhere", async () => {
    const { fixture, element } = await renderShell(['delegate']);
    expect(element.querySelector('[data-testid="demo-notice"]')).toBeNull();
    TestBed.inject(FeaturesService).set({ demoData: true });
    await fixture.whenStable();
    const notice = element.querySelector('main [data-testid="demo-notice"]');
    expect(notice?.querySelector('.nhsuk-tag')?.textContent?.trim()).toBe('Demo data');
    expect(notice?.textContent).toContain('made up');
  });

  it('shows the user name and signs out: POST /api/auth/logout, then the sign-in page', async () => {
    const { fixture, element, navLabels } = await renderShell(['programme-lead']);
    expect(element.querySelector('[data-testid="user-name"]')?.textContent).toBe('Sam Patel');
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate');

    const button = Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Sign out',
    );
    button?.click();
    const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/logout');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith(['/login']);
    expect(navLabels()).toEqual(['Open cohorts', 'Sign in']);
    expect(element.textContent).not.toContain('Sam Patel');
  });

  describe('the "More" menu of the NHS.UK header', () => {
    const widths = { list: 0, item: 0 };
    const originals = {
      clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
      offsetWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth'),
    };

    beforeEach(() => {
      // jsdom lays nothing out: a 500 px navigation line and 100 px items (a phone held sideways).
      widths.list = 500;
      widths.item = 100;
      Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
        configurable: true,
        get(this: HTMLElement) {
          return this.dataset['testid'] === 'nav' ? widths.list : 0;
        },
      });
      Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
        configurable: true,
        get(this: HTMLElement) {
          return this.hasAttribute('data-nav-link') ? widths.item : 0;
        },
      });
    });

    afterEach(() => {
      // jsdom defines clientWidth on Element, offsetWidth on HTMLElement: put back exactly what was there.
      for (const [name, original] of Object.entries(originals)) {
        if (original) Object.defineProperty(HTMLElement.prototype, name, original);
        else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
      }
    });

    it('keeps on the line the items that fit beside "More" and moves the rest into its menu, closed', async () => {
      const { fixture, element } = await renderShell(['programme-lead']);
      await fixture.whenStable();
      const shown = Array.from(element.querySelectorAll('[data-testid="nav"] > li > a')).map((a) =>
        a.textContent?.trim(),
      );
      expect(shown).toEqual(['Home', 'Cohorts', 'Calendar', 'Facilitators']);
      const toggle = element.querySelector<HTMLButtonElement>('#toggle-menu') as HTMLButtonElement;
      expect(toggle.textContent?.replace(/\s+/g, ' ').trim()).toBe('Browse More');
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      const menu = element.querySelector<HTMLUListElement>('#header-menu-list') as HTMLUListElement;
      expect(menu.hidden).toBe(true);
      expect(Array.from(menu.querySelectorAll('a')).map((a) => a.textContent?.trim())).toEqual([
        'Venues',
        'Organisations',
        'Programmes',
        'Session feedback',
        'Imports',
        'Users',
        'Audit log',
        'Mailbox',
        'Impact',
        'Programme review',
      ]);
    });

    it('opens with its button, and Escape closes it and gives focus back to the button', async () => {
      const { fixture, element } = await renderShell(['programme-lead']);
      await fixture.whenStable();
      const toggle = element.querySelector<HTMLButtonElement>('#toggle-menu') as HTMLButtonElement;
      toggle.click();
      await fixture.whenStable();
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      expect((element.querySelector('#header-menu-list') as HTMLElement).hidden).toBe(false);

      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      await fixture.whenStable();
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect((element.querySelector('#header-menu-list') as HTMLElement).hidden).toBe(true);
      expect(document.activeElement).toBe(toggle);
    });

    it('shows no "More" when every item fits', async () => {
      widths.item = 35;
      const { fixture, element } = await renderShell(['programme-lead']);
      await fixture.whenStable();
      expect(element.querySelectorAll('[data-testid="nav"] > li > a')).toHaveLength(14);
      expect(element.querySelector('#toggle-menu')).toBeNull();
    });
  });

  it('fits navigation items: all when they fit or are not yet measured, else as many as fit beside "More"', () => {
    expect(itemsThatFit([100, 100, 100], 300)).toBe(3);
    expect(itemsThatFit([100, undefined, 100], 100)).toBe(3);
    expect(itemsThatFit([100, 100, 100], 0)).toBe(3);
    expect(itemsThatFit([100, 100, 100], 299)).toBe(2);
    expect(itemsThatFit([100, 100, 100], 150)).toBe(0);
  });
});
