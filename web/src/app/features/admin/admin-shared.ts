import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { grantLabel, RoleGrant, UserStatus } from '@upstand/contracts';
import { formatNhsDate } from '../../shared/nhs-date.pipe';
import { formatClockTime, londonDate, londonTime } from '../../shared/london-time';

/** "6 December 2026, 3:40pm", London time, whatever the browser's time zone. */
export function formatLondonInstant(instant: string): string {
  return `${formatNhsDate(londonDate(instant))}, ${formatClockTime(londonTime(instant))}`;
}

export const USER_STATUS_TAGS: Record<UserStatus, string> = {
  active: 'nhsuk-tag--green',
  invited: 'nhsuk-tag--blue',
  deactivated: 'nhsuk-tag--grey',
};

/** A user's grants as NHS tags: "Programme lead, QWU". */
@Component({
  selector: 'app-grant-tags',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (grant of grants(); track $index) {
      <strong class="nhsuk-tag nhsuk-tag--white app-grant-tag" [attr.title]="grant.scope?.name ?? null">{{
        label(grant)
      }}</strong>
    } @empty {
      <span class="nhsuk-body-s">No roles</span>
    }
  `,
  styles: `
    .app-grant-tag {
      margin: 0 4px 4px 0;
    }
  `,
})
export class GrantTagsComponent {
  readonly grants = input.required<readonly RoleGrant[]>();
  protected readonly label = grantLabel;
}
