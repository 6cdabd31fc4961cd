import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ErrorItem } from '../core/api-error';
import { ErrorSummaryComponent } from './error-summary.component';
import { LOADING, LoadState } from './load-state';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent],
  template: `
    <app-error-summary
      [loadState]="state()"
      loadHeading="The venue could not be loaded"
      [errors]="errors()"
    />
    <label for="name">Name</label>
    <input id="name" />
  `,
})
class LoadingPageComponent {
  readonly state = signal<LoadState<string>>(LOADING);
  readonly errors = signal<ErrorItem[]>([]);
}

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent],
  template: `<app-error-summary [errors]="errors()" />`,
})
class FormPageComponent {
  readonly errors = signal<ErrorItem[]>([]);
}

async function render<T>(component: new () => T) {
  const fixture = TestBed.createComponent(component);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const summary = () => element.querySelector<HTMLElement>('.nhsuk-error-summary');
  const heading = () => element.querySelector('#error-summary-title')?.textContent?.trim();
  const lines = () =>
    Array.from(element.querySelectorAll('.nhsuk-error-summary__list li')).map((li) => li.textContent?.trim());
  return { fixture, element, host: fixture.componentInstance, summary, heading, lines };
}

describe('ErrorSummaryComponent', () => {
  it('shows nothing until there are errors, then an alert under "There is a problem" that takes focus', async () => {
    const { fixture, host, summary, heading, lines } = await render(FormPageComponent);
    expect(summary()).toBeNull();

    host.errors.set([{ text: 'Enter a name', field: 'name' }, { text: 'The service cannot be reached.' }]);
    await fixture.whenStable();
    expect(heading()).toBe('There is a problem');
    expect(lines()).toEqual(['Enter a name', 'The service cannot be reached.']);
    expect(summary()?.querySelector('[role="alert"]')).not.toBeNull();
    expect(document.activeElement).toBe(summary());
  });

  it('links each error with a field to its input and moves focus there', async () => {
    const { fixture, element, host } = await render(LoadingPageComponent);
    host.state.set({ status: 'loaded', value: 'Venue' });
    host.errors.set([{ text: 'Enter a name', field: 'name' }]);
    await fixture.whenStable();
    const link = element.querySelector<HTMLAnchorElement>('.nhsuk-error-summary__list a');
    expect(link?.getAttribute('href')).toBe('#name');
    link?.click();
    expect(document.activeElement).toBe(element.querySelector('#name'));
  });

  it('shows why loading failed under its own heading, instead of the form errors', async () => {
    const { fixture, host, summary, heading, lines } = await render(LoadingPageComponent);
    expect(summary()).toBeNull();

    host.errors.set([{ text: 'Enter a name', field: 'name' }]);
    host.state.set({ status: 'failed', httpStatus: 404, errors: [{ text: 'This venue does not exist.' }] });
    await fixture.whenStable();
    expect(heading()).toBe('The venue could not be loaded');
    expect(lines()).toEqual(['This venue does not exist.']);
    expect(document.activeElement).toBe(summary());
  });

  it('shows the form errors under "There is a problem" while the page is loading or loaded', async () => {
    const { fixture, host, summary, heading, lines } = await render(LoadingPageComponent);
    host.errors.set([{ text: 'Enter a name', field: 'name' }]);
    await fixture.whenStable();
    expect(heading()).toBe('There is a problem');
    expect(lines()).toEqual(['Enter a name']);

    host.state.set({ status: 'loaded', value: 'Venue' });
    host.errors.set([{ text: 'Enter a shorter name', field: 'name' }]);
    await fixture.whenStable();
    expect(heading()).toBe('There is a problem');
    expect(lines()).toEqual(['Enter a shorter name']);
    expect(document.activeElement).toBe(summary());

    host.errors.set([]);
    await fixture.whenStable();
    expect(summary()).toBeNull();
  });
});
