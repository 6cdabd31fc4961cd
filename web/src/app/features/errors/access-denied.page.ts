import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-access-denied-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <h1>You do not have access</h1>
        <p>Your account does not have a role that can use this page.</p>
        <p>If you think you should have access, contact your programme lead.</p>
        <p><a routerLink="/">Go to the Upstand homepage</a></p>
      </div>
    </div>
  `,
})
export class AccessDeniedPage {}
