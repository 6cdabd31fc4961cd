import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

export const SERVICE_NAME = 'Upstand';

/** Sets the document title to "Page – Upstand" from each route's `title`. */
@Injectable({ providedIn: 'root' })
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private pageTitle = '';
  private hasError = false;

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageTitle = this.buildTitle(snapshot) ?? '';
    this.apply(false);
  }

  /** Replaces the route's title once the page knows better (a cohort's name, a wizard step). */
  setPageTitle(pageTitle: string): void {
    this.pageTitle = pageTitle;
    this.apply(this.hasError);
  }

  /** Prefixes "Error: " while a form on the page shows errors, as the NHS error summary pattern asks. */
  setError(hasError: boolean): void {
    this.apply(hasError);
  }

  private apply(hasError: boolean): void {
    this.hasError = hasError;
    const base = this.pageTitle ? `${this.pageTitle} – ${SERVICE_NAME}` : SERVICE_NAME;
    this.title.setTitle(hasError ? `Error: ${base}` : base);
  }
}
