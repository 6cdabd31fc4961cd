import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Role } from '@upstand/contracts';
import { signInAs, user } from '../../../testing/fixtures';
import { FeaturesService } from '../../core/features.service';
import { HomePage } from './home.page';

async function render(roles: Role[], demoMailbox = true) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(roles));
  TestBed.inject(FeaturesService).set({ demoMailbox });
  const fixture = TestBed.createComponent(HomePage);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('HomePage', () => {
  it('welcomes the user by name and lists their roles', async () => {
    const element = await render(['sponsor', 'programme-lead']);
    expect(element.querySelector('h1')?.textContent).toBe('Welcome, Sam Patel');
    const roles = Array.from(element.querySelectorAll('[data-testid="roles"] li')).map(
      (li) => li.textContent,
    );
    expect(roles).toEqual(['Programme lead', 'Organisation sponsor']);
  });

  it('offers a programme lead the cohorts, calendar, facilitators, venues, organisations, programmes and mailbox tasks', async () => {
    const element = await render(['programme-lead']);
    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('.nhsuk-card a')).map((a) => [
      a.textContent,
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Cohorts', '/cohorts'],
      ['Calendar', '/calendar'],
      ['Facilitators', '/facilitators'],
      ['Venues', '/venues'],
      ['Organisations', '/organisations'],
      ['Programmes', '/programmes'],
      ['Mailbox', '/mailbox'],
    ]);
  });

  it('offers no mailbox where emails are really sent', async () => {
    const element = await render(['programme-lead'], false);
    const links = Array.from(element.querySelectorAll('.nhsuk-card a')).map((a) => a.textContent);
    expect(links).not.toContain('Mailbox');
  });

  it('offers a facilitator their sessions, the cohorts, the calendar and the community', async () => {
    const element = await render(['facilitator']);
    const links = Array.from(element.querySelectorAll('.nhsuk-card a')).map((a) => a.textContent);
    expect(links).toEqual(['My sessions', 'Cohorts', 'Calendar', 'Community']);
  });

  it('offers a line manager their team and a sponsor their delegates', async () => {
    const element = await render(['line-manager', 'sponsor']);
    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('.nhsuk-card a')).map((a) => [
      a.textContent,
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['My team', '/manager'],
      ['Our delegates', '/sponsor'],
    ]);
  });

  it('tells someone with no tasks (the steering group) there is nothing to do yet', async () => {
    const element = await render(['steering']);
    expect(element.querySelector('.nhsuk-card')).toBeNull();
    expect(element.textContent).toContain('There is nothing for you to do at the moment.');
  });
});
