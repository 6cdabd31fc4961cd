import { afterNextRender, Injector } from '@angular/core';

/**
 * Moves focus to an element and scrolls it (or, for a form field, its legend or label) into view. Elements that
 * are not focusable (headings, main) get tabindex="-1" first.
 */
export function focusElement(element: HTMLElement): void {
  const focusable = element.matches('a[href], button, input, select, textarea, [tabindex]');
  if (!focusable) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: true });
  const labels = (element as Partial<HTMLInputElement>).labels;
  const label = labels && labels.length ? labels[0] : null;
  const legend = element.closest('fieldset')?.querySelector('legend');
  const target: Element = legend ?? label ?? element;
  if (typeof target.scrollIntoView === 'function') target.scrollIntoView({ block: 'start' });
}

/**
 * After the next render, moves focus to the first element matching `selector` inside `root` (for example a success
 * banner that has just appeared, so screen readers announce it and keyboard users continue from there).
 */
export function focusAfterRender(injector: Injector, root: HTMLElement, selector: string): void {
  afterNextRender(
    () => {
      const target = root.querySelector<HTMLElement>(selector);
      if (target) focusElement(target);
    },
    { injector },
  );
}

/**
 * For an in-page link (`<a href="#id" (click)="jumpTo($event, id)">`): with `<base href="/">` the browser would
 * read "#id" as an address of its own and leave the page, so move focus to the element instead.
 */
export function jumpTo(event: Event, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  focusElement(target);
}
