import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ReportFrameComponent, ReportState } from './report-frame.component';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReportFrameComponent],
  template: `
    <app-report-frame
      heading="Reach in each organisation"
      headingId="reach-heading"
      what="the reach"
      [state]="state()"
      [disclosure]="disclosure()"
      [empty]="empty()"
      emptyText="Nobody has been trained yet."
      [downloads]="downloads()"
      (retry)="retries.set(retries() + 1)"
    >
      <p intro appReportIntro>Intro</p>
      <p data-testid="body">The report</p>
    </app-report-frame>
  `,
})
class Host {
  readonly state = signal<ReportState>({ status: 'loading' });
  readonly disclosure = signal({ suppressionApplied: true, threshold: 10, startFrom: null, startTo: null });
  readonly empty = signal(false);
  readonly downloads = signal<{ csv: string; xlsx: string } | null>({ csv: '/a.csv', xlsx: '/a.xlsx' });
  readonly retries = signal(0);
}

async function render() {
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const text = () => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  const set = async (change: (host: Host) => void) => {
    change(fixture.componentInstance);
    await fixture.whenStable();
  };
  return { fixture, element, text, set };
}

describe('ReportFrameComponent', () => {
  it('names its section by its heading and says it is loading, showing nothing else yet', async () => {
    const { element, text } = await render();
    const section = element.querySelector('section');
    expect(section?.getAttribute('aria-labelledby')).toBe('reach-heading');
    expect(element.querySelector('h2#reach-heading')?.textContent?.trim()).toBe('Reach in each organisation');
    expect(element.querySelector('[role="status"]')?.textContent?.trim()).toBe('Loading the reach…');
    expect(text()).toContain('Intro');
    expect(element.querySelector('[data-testid="body"]')).toBeNull();
    expect(element.querySelector('a')).toBeNull();
  });

  it('says why loading failed and asks for the report again when "Try again" is pressed', async () => {
    const { fixture, element, text, set } = await render();
    await set((host) => host.state.set({ status: 'failed', message: 'The service cannot be reached.' }));
    expect(text()).toContain('The reach could not be loaded. The service cannot be reached.');
    expect(element.querySelector('[role="status"]')).toBeNull();
    const button = element.querySelector<HTMLButtonElement>('[data-testid="report-failed"] button');
    expect(button?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Try again to load the reach');
    button?.click();
    expect(fixture.componentInstance.retries()).toBe(1);
  });

  it('shows the report with the note on withheld figures and its downloads once loaded', async () => {
    const { element, text, set } = await render();
    await set((host) => host.state.set({ status: 'loaded' }));
    expect(element.querySelector('[data-testid="body"]')).not.toBeNull();
    expect(text()).toContain('counts of fewer than 10 people are shown as "Withheld"');
    const links = Array.from(element.querySelectorAll('a')).map((link) => link.getAttribute('href'));
    expect(links).toEqual(['/a.csv', '/a.xlsx']);
    expect(text()).toContain('CSV of the reach');
  });

  it('says so when there is nothing to show, instead of an empty report', async () => {
    const { element, text, set } = await render();
    await set((host) => {
      host.state.set({ status: 'loaded' });
      host.empty.set(true);
    });
    expect(text()).toContain('Nobody has been trained yet.');
    expect(element.querySelector('[data-testid="body"]')).toBeNull();
  });
});
