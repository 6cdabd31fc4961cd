import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AdminUser, ErasureRequestSummary } from '@upstand/contracts';
import { UsersListPage } from './users-list.page';

const REQUEST: ErasureRequestSummary = {
  id: 'r1',
  userId: 'u1',
  fullName: 'Sam Patel',
  email: 'sam.patel@example.nhs.uk',
  organisation: null,
  requestedAt: '2027-01-03T09:00:00.000Z',
};

async function render(requests: ErasureRequestSummary[], users: AdminUser[] = []) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  const fixture = TestBed.createComponent(UsersListPage);
  const http = TestBed.inject(HttpTestingController);
  const element = fixture.nativeElement as HTMLElement;
  await fixture.whenStable();
  http.expectOne('/api/erasure-requests').flush(requests);
  http
    .expectOne((request) => request.url === '/api/users')
    .flush({ items: users, total: users.length, page: 1, pageSize: 25 });
  await fixture.whenStable();
  return { element, http };
}

describe('UsersListPage', () => {
  it('signposts open requests to delete data, with how many', async () => {
    const { element, http } = await render([REQUEST, { ...REQUEST, id: 'r2', userId: 'u2' }]);
    const inset = element.querySelector('[data-testid="erasure-requests-inset"]');
    expect(inset?.textContent?.replace(/\s+/g, ' ')).toContain(
      '2 people have asked for their data to be deleted.',
    );
    expect(inset?.querySelector('a')?.getAttribute('href')).toBe('/admin/erasure-requests');
    expect(inset?.querySelector('a')?.textContent).toBe('Requests to delete data (2)');
    http.verify();
  });

  it('leaves the inset out when nobody has asked, but still links the requests and the audit log', async () => {
    const { element, http } = await render([]);
    expect(element.querySelector('[data-testid="erasure-requests-inset"]')).toBeNull();
    const links = Array.from(element.querySelectorAll('[data-testid="admin-links"] a')).map((link) =>
      link.getAttribute('href'),
    );
    expect(links).toEqual(['/admin/erasure-requests', '/admin/audit']);
    http.verify();
  });

  it('lists users in the NHS responsive table, each cell labelled for a phone', async () => {
    const user: AdminUser = {
      id: 'u1',
      email: 'sam.patel@example.nhs.uk',
      fullName: 'Sam Patel',
      organisationName: null,
      status: 'active',
      grants: [],
      lastSignInAt: null,
      secondFactor: false,
    };
    const { element, http } = await render([], [user]);
    const table = element.querySelector('[data-testid="users-table"]');
    expect(table?.classList).toContain('nhsuk-table-responsive');
    const labels = Array.from(table?.querySelectorAll('tbody .nhsuk-table-responsive__heading') ?? []).map(
      (label) => label.textContent?.trim(),
    );
    expect(labels).toEqual(['Name', 'Roles', 'Last signed in', 'Status']);
    http.verify();
  });
});
