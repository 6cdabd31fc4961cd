import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { CommunityAttendanceRegister, SESSION_KIND_LABELS } from '@upstand/contracts';
import { concat, last, Observable } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { AttendanceApiService } from '../../core/api/attendance-api.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonRangePipe } from '../../shared/london-time';
import { SuccessBannerComponent } from '../../shared/success-banner.component';

export const COMMUNITY_ATTENDANCE_MESSAGES = {
  saved: (count: number) => `Saved: ${count} ${count === 1 ? 'person' : 'people'} came`,
  unchanged: 'Nothing has changed since the last save',
  notFound: 'This session does not exist, or you are not a lead for its system or one of its facilitators.',
} as const;

/**
 * Who came to a Community of Practice catch-up or the celebration event, for the lead or a facilitator running
 * it: one checkbox per member certified in the session's system. What Impact counts as active in the Community.
 */
@Component({
  selector: 'app-community-attendance-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent, SuccessBannerComponent, LondonRangePipe],
  template: `
    <app-success-banner [message]="message()" />
    <app-error-summary [loadState]="state()" loadHeading="Who came could not be loaded" [errors]="errors()" />

    <h1>
      @if (register(); as register) {
        <span class="nhsuk-caption-l">{{ kindLabels[register.kind] }}</span>
      }
      Who came
    </h1>

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading…</p>
      }
      @case ('failed') {
        <p><a routerLink="/calendar">Back to the calendar</a></p>
      }
      @default {
        @if (register(); as register) {
          <p>
            {{ register.title }}, {{ register.startsAt | londonRange: register.endsAt }}. People marked here
            count as active in the Community of Practice for that financial year.
          </p>
          @if (register.people.length) {
            <div class="nhsuk-form-group">
              <fieldset class="nhsuk-fieldset" aria-describedby="people-hint">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                  <h2 class="nhsuk-fieldset__heading">Members of the Community of Practice</h2>
                </legend>
                <div class="nhsuk-hint" id="people-hint">Select everyone who came.</div>
                <div class="nhsuk-checkboxes nhsuk-checkboxes--small" data-testid="community-people">
                  @for (person of register.people; track person.userId) {
                    <div class="nhsuk-checkboxes__item">
                      <input
                        class="nhsuk-checkboxes__input"
                        type="checkbox"
                        [id]="'came-' + person.userId"
                        [checked]="chosen().has(person.userId)"
                        (change)="toggle(person.userId, $any($event.target).checked)"
                      />
                      <label class="nhsuk-label nhsuk-checkboxes__label" [for]="'came-' + person.userId">
                        {{ person.fullName }}
                        @if (person.organisationName) {
                          <span class="nhsuk-u-secondary-text-colour">, {{ person.organisationName }}</span>
                        }
                      </label>
                    </div>
                  }
                </div>
              </fieldset>
            </div>
            <button class="nhsuk-button" type="button" [attr.aria-disabled]="busy() || null" (click)="save()">
              Save who came
            </button>
          } @else {
            <p>Nobody in this system has been certified yet.</p>
          }
          <p><a routerLink="/calendar">Back to the calendar</a></p>
        }
      }
    }
  `,
})
export class CommunityAttendancePage implements OnInit {
  private readonly api = inject(AttendanceApiService);
  private readonly titles = inject(PageTitleStrategy);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** Route parameter `:id`: the session. */
  readonly id = input.required<string>();

  protected readonly kindLabels = SESSION_KIND_LABELS;
  protected readonly state = signal<LoadState<CommunityAttendanceRegister>>(LOADING);
  protected readonly register = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  /** The people ticked, saved or not yet. */
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly message = signal<string | null>(null);
  protected readonly busy = signal(false);

  ngOnInit(): void {
    loadState(this.api.communityAttendance(this.id()), COMMUNITY_ATTENDANCE_MESSAGES.notFound).subscribe(
      (state) => {
        if (state.status === 'loaded') this.show(state.value);
        this.state.set(state);
      },
    );
  }

  private show(register: CommunityAttendanceRegister): void {
    this.chosen.set(
      new Set(register.people.filter((person) => person.attended).map((person) => person.userId)),
    );
    this.titles.setPageTitle(`Who came: ${register.title}`);
  }

  protected toggle(userId: string, checked: boolean): void {
    this.chosen.update((chosen) => {
      const next = new Set(chosen);
      if (checked) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }

  /** Sends only the changes since the last save, one mark at a time; the last answer is the new list. */
  protected save(): void {
    const register = this.register();
    if (!register || this.busy()) return;
    const chosen = this.chosen();
    const changes: Observable<CommunityAttendanceRegister>[] = register.people.flatMap((person) =>
      person.attended === chosen.has(person.userId)
        ? []
        : [
            person.attended
              ? this.api.unmarkCommunityAttendance(this.id(), person.userId)
              : this.api.markCommunityAttendance(this.id(), person.userId),
          ],
    );
    if (!changes.length) {
      this.errors.set([]);
      this.message.set(COMMUNITY_ATTENDANCE_MESSAGES.unchanged);
      return;
    }
    this.busy.set(true);
    concat(...changes)
      .pipe(last())
      .subscribe({
        next: (saved) => {
          this.busy.set(false);
          this.errors.set([]);
          this.show(saved);
          this.state.set({ status: 'loaded', value: saved });
          this.message.set(
            COMMUNITY_ATTENDANCE_MESSAGES.saved(saved.people.filter((person) => person.attended).length),
          );
          focusAfterRender(this.injector, this.host, '[data-testid="success-banner"]');
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.message.set(null);
          this.errors.set(mapApiError(error).errors);
        },
      });
  }
}
