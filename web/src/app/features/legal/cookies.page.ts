import { ChangeDetectionStrategy, Component } from '@angular/core';

interface CookieRow {
  name: string;
  purpose: string;
  expires: string;
}

/**
 * The cookies Upstand sets (names as in api/src/modules/auth/session-cookie.ts and common/csrf.middleware.ts).
 * All are strictly necessary and there is no analytics, so no consent banner is needed.
 */
const COOKIES: CookieRow[] = [
  {
    name: 'upstand_session',
    purpose: 'Keeps you signed in',
    expires: 'When you sign out, or after 12 hours',
  },
  {
    name: 'XSRF-TOKEN',
    purpose: 'Stops other websites sending requests as you (security)',
    expires: 'When you close your browser',
  },
  {
    name: 'upstand_presession',
    purpose: 'Protects the sign-in and registration forms before you sign in (security)',
    expires: 'When you close your browser',
  },
  {
    name: 'upstand_device',
    purpose:
      'Remembers that this browser has signed in before, so other people guessing your password do not slow you down',
    expires: '1 year',
  },
];

@Component({
  selector: 'app-cookies-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <h1>Cookies</h1>
        <p>Cookies are small files saved on your phone, tablet or computer when you visit a website.</p>
        <p>
          Upstand only uses cookies that are needed to make it work and keep it secure. We do not use cookies
          to measure how you use the website or for advertising, so we do not ask for your consent.
        </p>
        <h2>Cookies we use</h2>
      </div>
    </div>
    <!-- The NHS responsive table: on a phone each cookie becomes a card with its own labels. -->
    <table class="nhsuk-table-responsive" role="table" data-testid="cookies-table">
      <caption class="nhsuk-table__caption">
        Strictly necessary cookies
      </caption>
      <thead class="nhsuk-table__head" role="rowgroup">
        <tr role="row">
          <th role="columnheader" scope="col">Name</th>
          <th role="columnheader" scope="col">Purpose</th>
          <th role="columnheader" scope="col">Expires</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (cookie of cookies; track cookie.name) {
          <tr role="row" class="nhsuk-table__row">
            <td role="cell" class="nhsuk-table__cell">
              <span class="nhsuk-table-responsive__heading" aria-hidden="true">Name </span
              ><code>{{ cookie.name }}</code>
            </td>
            <td role="cell" class="nhsuk-table__cell">
              <span class="nhsuk-table-responsive__heading" aria-hidden="true">Purpose </span
              >{{ cookie.purpose }}
            </td>
            <td role="cell" class="nhsuk-table__cell">
              <span class="nhsuk-table-responsive__heading" aria-hidden="true">Expires </span
              >{{ cookie.expires }}
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class CookiesPage {
  protected readonly cookies = COOKIES;
}
