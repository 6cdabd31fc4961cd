import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LoadedTableComponent } from './loaded-table.component';
import { LOADING, loadedValue, LoadState } from './load-state';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadedTableComponent],
  template: `
    <h2 id="rooms-heading">Rooms</h2>
    <app-loaded-table
      [state]="state()"
      caption="Rooms we use"
      [label]="label()"
      [labelledBy]="labelledBy()"
      testId="rooms-table"
      loadingText="Loading rooms…"
      failedHeading="Rooms could not be loaded"
      emptyText="There are no rooms yet."
    >
      <thead>
        <tr>
          <th scope="col">Name</th>
        </tr>
      </thead>
      <tbody>
        @for (room of rooms(); track room) {
          <tr>
            <td>{{ room }}</td>
          </tr>
        }
      </tbody>
    </app-loaded-table>
  `,
})
class RoomsPageComponent {
  readonly state = signal<LoadState<string[]>>(LOADING);
  readonly label = signal<string | undefined>(undefined);
  readonly labelledBy = signal<string | undefined>(undefined);
  protected readonly rooms = computed(() => loadedValue(this.state()) ?? []);
}

async function render() {
  const fixture = TestBed.createComponent(RoomsPageComponent);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const table = () => element.querySelector<HTMLTableElement>('[data-testid="rooms-table"]');
  const rows = () =>
    Array.from(table()?.querySelectorAll('tbody tr') ?? []).map((row) => row.textContent?.trim());
  return { fixture, element, host: fixture.componentInstance, table, rows };
}

describe('LoadedTableComponent', () => {
  it('says it is loading, then shows the rows in a named, focusable region with a caption', async () => {
    const { fixture, element, host, table, rows } = await render();
    expect(element.querySelector('[role="status"]')?.textContent).toBe('Loading rooms…');
    expect(table()).toBeNull();

    host.state.set({ status: 'loaded', value: ['Room 1', 'Room 2'] });
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')).toBeNull();
    expect(rows()).toEqual(['Room 1', 'Room 2']);
    expect(table()?.querySelector('thead th')?.textContent).toBe('Name');
    expect(table()?.caption?.textContent?.trim()).toBe('Rooms we use');
    const region = table()?.parentElement;
    expect(region?.getAttribute('role')).toBe('region');
    expect(region?.getAttribute('tabindex')).toBe('0');
    expect(region?.getAttribute('aria-label')).toBe('Rooms we use');
    expect(region?.hasAttribute('aria-labelledby')).toBe(false);
  });

  it('names the region by its label or by a heading', async () => {
    const { fixture, host, table } = await render();
    host.state.set({ status: 'loaded', value: ['Room 1'] });
    host.label.set('Our rooms');
    await fixture.whenStable();
    expect(table()?.parentElement?.getAttribute('aria-label')).toBe('Our rooms');

    host.labelledBy.set('rooms-heading');
    await fixture.whenStable();
    expect(table()?.parentElement?.getAttribute('aria-labelledby')).toBe('rooms-heading');
    expect(table()?.parentElement?.hasAttribute('aria-label')).toBe(false);
  });

  it('says when there are no rows, and shows the table once rows arrive', async () => {
    const { fixture, element, host, table, rows } = await render();
    host.state.set({ status: 'loaded', value: [] });
    await fixture.whenStable();
    expect(table()).toBeNull();
    expect(element.textContent).toContain('There are no rooms yet.');

    host.state.set({ status: 'loaded', value: ['Room 3'] });
    await fixture.whenStable();
    expect(rows()).toEqual(['Room 3']);
    expect(element.textContent).not.toContain('There are no rooms yet.');

    host.state.set({ status: 'loaded', value: [] });
    await fixture.whenStable();
    host.state.set({ status: 'loaded', value: ['Room 4', 'Room 5'] });
    await fixture.whenStable();
    expect(rows()).toEqual(['Room 4', 'Room 5']);
  });

  it('shows why loading failed in an error summary', async () => {
    const { fixture, element, host, table } = await render();
    host.state.set({ status: 'failed', httpStatus: 500, errors: [{ text: 'The service is not working.' }] });
    await fixture.whenStable();
    expect(table()).toBeNull();
    expect(element.querySelector('#error-summary-title')?.textContent?.trim()).toBe(
      'Rooms could not be loaded',
    );
    expect(element.querySelector('.nhsuk-error-summary__list')?.textContent).toContain(
      'The service is not working.',
    );
  });
});
