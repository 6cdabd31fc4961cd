import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

export const SERVICE_NAME = 'Upstand';

/** Sets the document title to "Page – Upstand" from each route's `title`. */
@Injectable({ providedIn: 'root' })
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private pageTitle = '';

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageTitle = this.buildTitle(snapshot) ?? '';
    this.apply(false);
  }

  /** Prefixes "Error: " while a form on the page shows errors, as the NHS error summary pattern asks. */
  setError(hasError: boolean): void {
    this.apply(hasError);
  }

  private apply(hasError: boolean): void {
    const base = this.pageTitle ? `${this.pageTitle} – ${SERVICE_NAME}` : SERVICE_NAME;
    this.title.setTitle(hasError ? `Error: ${base}` : base);
  }
}
