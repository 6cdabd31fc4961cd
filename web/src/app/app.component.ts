import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { SessionService } from './core/auth/session.service';
import { focusElement } from './shared/focus';

export interface NavItem {
  label: string;
  link: string;
  exact: boolean;
}

const item = (label: string, link: string): NavItem => ({ label, link, exact: link === '/' });

/**
 * The primary navigation: a programme lead runs the programme (Home, Cohorts, Calendar, Facilitators, Venues,
 * Organisations); a facilitator sees their own sessions first (Home, My sessions, Calendar, Cohorts); everyone
 * else has Home. Someone who is both gets the lead's list with "My sessions" after Home.
 */
export function navigationFor(signedIn: boolean, lead: boolean, facilitator: boolean): NavItem[] {
  if (!signedIn) return [item('Sign in', '/login')];
  if (lead) {
    return [
      item('Home', '/'),
      ...(facilitator ? [item('My sessions', '/my-sessions')] : []),
      item('Cohorts', '/cohorts'),
      item('Calendar', '/calendar'),
      item('Facilitators', '/facilitators'),
      item('Venues', '/venues'),
      item('Organisations', '/organisations'),
    ];
  }
  if (facilitator) {
    return [
      item('Home', '/'),
      item('My sessions', '/my-sessions'),
      item('Calendar', '/calendar'),
      item('Cohorts', '/cohorts'),
    ];
  }
  return [item('Home', '/')];
}

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.component.html',
  host: { '(document:click)': 'onDocumentClick($event)' },
})
export class AppComponent {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly signingOut = signal(false);

  /** Only what the current user may use. */
  protected readonly navItems = computed<NavItem[]>(() =>
    navigationFor(this.session.isLoggedIn(), this.session.isProgrammeLead(), this.session.isFacilitator()),
  );

  constructor() {
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
        if (!first && !samePage) afterNextRender(() => this.focusPage(), { injector: this.injector });
      });
  }

  protected signOut(): void {
    if (this.signingOut()) return;
    this.signingOut.set(true);
    this.session.logout().subscribe({
      complete: () => this.afterSignOut(),
      error: () => this.afterSignOut(),
    });
  }

  private afterSignOut(): void {
    this.signingOut.set(false);
    void this.router.navigate(['/login']);
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
