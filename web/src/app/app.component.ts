import { DOCUMENT } from '@angular/common';
import {
  afterEveryRender,
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Role } from '@upstand/contracts';
import { filter } from 'rxjs';
import { SessionService } from './core/auth/session.service';
import { Observable } from 'rxjs';
import { FeaturesService } from './core/features.service';
import { focusElement } from './shared/focus';

export interface NavItem {
  label: string;
  link: string;
  exact: boolean;
}

const item = (label: string, link: string): NavItem => ({ label, link, exact: link === '/' });

/** Room kept for the "More" button when some items move into its menu (its label, padding and chevron). */
const MORE_BUTTON_WIDTH = 96;

/**
 * How many navigation items fit on one line of `available` pixels, given each item's width in order: all of them
 * if they fit, else as many as fit beside the "More" button. Unknown widths (not yet measured) or an unknown
 * line width show every item, so that they can be measured.
 */
export function itemsThatFit(widths: readonly (number | undefined)[], available: number): number {
  if (available <= 0 || widths.some((width) => width === undefined)) return widths.length;
  const total = widths.reduce<number>((sum, width) => sum + (width ?? 0), 0);
  if (total <= available) return widths.length;
  let used = MORE_BUTTON_WIDTH;
  let count = 0;
  for (const width of widths) {
    used += width ?? 0;
    if (used > available) break;
    count++;
  }
  return count;
}

/**
 * The primary navigation. A programme lead runs the programme (Home, Cohorts, Calendar, Facilitators, Venues,
 * Organisations, Programmes, Session feedback, Imports, Users, the Audit log, and the Mailbox in demo mode only); a facilitator sees their own sessions first (Home, My sessions, Calendar,
 * Cohorts, Community); someone who is both gets the lead's list with "My sessions" after Home. A delegate has
 * their journey, the open cohorts and the Community of Practice; a line manager their team; a sponsor their
 * organisation's delegates. Items of further roles are added after, once each; the impact dashboard comes last for
 * a lead, sponsor or steering group member, then the programme review for a lead or steering group member.
 * Signed out: the open cohorts and sign-in.
 */
export function navigationFor(roles: ReadonlySet<Role> | null, demoMailbox = false): NavItem[] {
  if (!roles) return [item('Open cohorts', '/cohorts/open'), item('Sign in', '/login')];
  const lead = roles.has('programme-lead');
  const facilitator = roles.has('facilitator');
  const items: NavItem[] = [item('Home', '/')];
  if (lead) {
    items.push(
      ...(facilitator ? [item('My sessions', '/my-sessions')] : []),
      item('Cohorts', '/cohorts'),
      item('Calendar', '/calendar'),
      item('Facilitators', '/facilitators'),
      item('Venues', '/venues'),
      item('Organisations', '/organisations'),
      item('Programmes', '/programmes'),
      item('Session feedback', '/session-feedback'),
      item('Imports', '/imports'),
      item('Users', '/admin/users'),
      item('Audit log', '/admin/audit'),
      ...(demoMailbox ? [item('Mailbox', '/mailbox')] : []),
    );
  } else if (facilitator) {
    items.push(
      item('My sessions', '/my-sessions'),
      item('Calendar', '/calendar'),
      item('Cohorts', '/cohorts'),
      item('Community', '/community'),
    );
  }
  if (roles.has('delegate')) {
    items.push(
      item('My journey', '/journey'),
      item('Open cohorts', '/cohorts/open'),
      item('Community', '/community'),
    );
  }
  if (roles.has('line-manager')) items.push(item('My team', '/manager'));
  if (roles.has('sponsor')) items.push(item('Our delegates', '/sponsor'));
  if (lead || roles.has('sponsor') || roles.has('steering')) items.push(item('Impact', '/impact'));
  if (lead || roles.has('steering')) items.push(item('Programme review', '/governance'));
  return items.filter((entry, index) => items.findIndex((other) => other.link === entry.link) === index);
}

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.component.html',
  host: {
    '(document:click)': 'onDocumentClick($event)',
    '(document:keydown.escape)': 'onEscape()',
  },
})
export class AppComponent {
  protected readonly session = inject(SessionService);
  protected readonly features = inject(FeaturesService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly signingOut = signal(false);

  /** Only what the current user may use. */
  protected readonly navItems = computed<NavItem[]>(() =>
    navigationFor(this.session.isLoggedIn() ? this.session.roles() : null, this.features.demoMailbox()),
  );

  private readonly navigationList = viewChild<ElementRef<HTMLUListElement>>('navigationList');
  private readonly menuList = viewChild<ElementRef<HTMLUListElement>>('menuList');
  /** Each navigation item's measured width (by link), kept while it sits in the menu where it cannot be measured. */
  private readonly itemWidths = signal<ReadonlyMap<string, number>>(new Map());
  /** The width of the navigation line. */
  private readonly navigationWidth = signal(0);
  protected readonly menuOpen = signal(false);
  /** The open menu's height: the navigation's bottom border grows by it, so the page moves down under the menu. */
  protected readonly menuHeight = signal(0);

  private readonly fitting = computed(() =>
    itemsThatFit(
      this.navItems().map((entry) => this.itemWidths().get(entry.link)),
      this.navigationWidth(),
    ),
  );
  /** The items on the navigation line, and those that did not fit, in the "More" menu. */
  protected readonly shownItems = computed(() => this.navItems().slice(0, this.fitting()));
  protected readonly menuItems = computed(() => this.navItems().slice(this.fitting()));

  constructor() {
    afterEveryRender({ read: () => this.measureNavigation() });
    const resize = () => this.measureNavigation();
    this.document.defaultView?.addEventListener('resize', resize);
    inject(DestroyRef).onDestroy(() => this.document.defaultView?.removeEventListener('resize', resize));

    let previousPath: string | null = null;
    this.router.events
      .pipe(
        filter((event): event is NavigationEnd => event instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((event) => {
        const path = event.urlAfterRedirects.split(/[?#]/)[0];
        const first = previousPath === null;
        const samePage = path === previousPath;
        previousPath = path;
        this.closeMenu();
        if (!first && !samePage) afterNextRender(() => this.focusPage(), { injector: this.injector });
      });
  }

  /**
   * Measures the navigation line and the items on it (the NHS.UK header script does the same on every resize).
   * Signals change only when a number does, so this settles after one more render.
   */
  private measureNavigation(): void {
    const list = this.navigationList()?.nativeElement;
    if (!list) return;
    // The list is wider than its container by the items' outer padding (nhsuk-frontend's negative margins).
    const width = list.clientWidth;
    if (width !== this.navigationWidth()) this.navigationWidth.set(width);
    const measured = new Map(this.itemWidths());
    let changed = false;
    list.querySelectorAll<HTMLElement>(':scope > [data-nav-link]').forEach((element) => {
      const link = element.dataset['navLink'] as string;
      const itemWidth = element.offsetWidth;
      if (itemWidth > 0 && measured.get(link) !== itemWidth) {
        measured.set(link, itemWidth);
        changed = true;
      }
    });
    if (changed) this.itemWidths.set(measured);
    const height = this.menuOpen() ? (this.menuList()?.nativeElement.offsetHeight ?? 0) : 0;
    if (height !== this.menuHeight()) this.menuHeight.set(height);
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  protected closeMenu(): void {
    this.menuOpen.set(false);
  }

  /** Escape closes the menu and gives focus back to its button, as the NHS.UK header does. */
  protected onEscape(): void {
    if (!this.menuOpen()) return;
    this.closeMenu();
    this.document.getElementById('toggle-menu')?.focus();
  }

  protected signOut(): void {
    if (this.signingOut()) return;
    this.signingOut.set(true);
    // With single sign-on on this site, the API also says where to sign out of the provider (for an SSO session).
    const signOut: Observable<string | null | void> = this.features.sso()
      ? this.session.logoutWithProvider()
      : this.session.logout();
    let providerSignOut: string | null = null;
    signOut.subscribe({
      next: (answer) => (providerSignOut = typeof answer === 'string' ? answer : null),
      complete: () => this.afterSignOut(providerSignOut),
      error: () => this.afterSignOut(null),
    });
  }

  private afterSignOut(providerSignOut: string | null): void {
    this.signingOut.set(false);
    if (providerSignOut) this.document.location.assign(providerSignOut);
    else void this.router.navigate(['/login']);
  }

  /** After moving to another page, put focus where a keyboard or screen reader user expects the page to start. */
  private focusPage(): void {
    const main = this.document.getElementById('maincontent');
    if (!main || main.contains(this.document.activeElement)) return;
    const target =
      main.querySelector<HTMLElement>('[data-autofocus]') ?? main.querySelector<HTMLElement>('h1') ?? main;
    focusElement(target);
  }

  /**
   * In-page links (#maincontent, #odsCode) would otherwise resolve against <base href="/"> and leave the page:
   * move focus to the target instead.
   */
  protected onDocumentClick(event: MouseEvent): void {
    // A click anywhere but the "More" button closes its menu.
    if (this.menuOpen() && !(event.target as Element | null)?.closest?.('#toggle-menu')) this.closeMenu();
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)
      return;
    const anchor = (event.target as Element | null)?.closest?.('a[href^="#"]');
    const id = anchor?.getAttribute('href')?.slice(1);
    if (!id) return;
    const target = this.document.getElementById(decodeURIComponent(id));
    if (!target) return;
    event.preventDefault();
    focusElement(target);
  }
}
