import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { CommunitySettings, Enrolment, Journey, JourneySession } from '@upstand/contracts';
import { filter, Observable } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { CommunityApiService } from '../../core/api/community-api.service';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { FlashService } from '../../core/flash.service';
import { CalendarFeedComponent } from '../../shared/calendar-feed.component';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { CheckboxComponent } from '../../shared/form-field';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonRangePipe, LondonTimesPipe } from '../../shared/london-time';
import {
  ATTENDANCE_LABELS,
  ATTENDANCE_TAGS,
  ENROLMENT_STATUS_TAGS,
  enrolmentStatusLabel,
} from '../../shared/status-tags';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { JourneyQuestionnairesComponent } from '../questionnaires/journey-questionnaires.component';
import { FINISHED, sessionWhere, statusExplanation, WITHDRAWABLE } from './journey.model';

/**
 * The delegate's home: where their place stands, what comes next, every session of their journey with their
 * attendance, the certificate once complete and the Community of Practice after.
 */
@Component({
  selector: 'app-journey-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    ErrorSummaryComponent,
    CheckboxComponent,
    SuccessBannerComponent,
    LinkButtonDirective,
    LondonDatePipe,
    LondonTimesPipe,
    LondonRangePipe,
    JourneyQuestionnairesComponent,
    CalendarFeedComponent,
  ],
  templateUrl: './journey.page.html',
})
export class JourneyPage implements OnInit {
  private readonly api = inject(EnrolmentsApiService);
  private readonly communityApi = inject(CommunityApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly attendanceLabels = ATTENDANCE_LABELS;
  protected readonly attendanceTags = ATTENDANCE_TAGS;
  protected readonly where = sessionWhere;

  protected readonly state = signal<LoadState<Journey>>(LOADING);
  protected readonly journey = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  protected readonly enrolment = computed(() => this.journey()?.enrolment ?? null);
  protected readonly explanation = computed(() => {
    const enrolment = this.enrolment();
    return enrolment ? statusExplanation(enrolment) : '';
  });
  /** A place with sessions booked: only then is there anything to put in a calendar. */
  protected readonly booked = computed(() => {
    const status = this.enrolment()?.status;
    return status === 'confirmed' || status === 'completed';
  });
  protected readonly canWithdraw = computed(() => {
    const status = this.enrolment()?.status;
    return !!status && WITHDRAWABLE.includes(status);
  });
  /** Questionnaires and session feedback are for delegates with a place (confirmed, or completed). */
  protected readonly hasQuestionnaires = computed(() => {
    const status = this.enrolment()?.status;
    return status === 'confirmed' || status === 'completed';
  });
  protected readonly finished = computed(() => {
    const status = this.enrolment()?.status;
    return !!status && FINISHED.includes(status);
  });

  /** A success message: from signing up (the previous page), or from an action here. */
  protected readonly message = signal<string | null>(inject(FlashService).take());
  protected readonly actionErrors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);
  protected readonly confirmingWithdrawal = signal(false);

  protected readonly community = signal<CommunitySettings | null>(null);
  protected readonly directoryForm = inject(NonNullableFormBuilder).group({ inDirectory: [false] });

  ngOnInit(): void {
    this.load(false);
  }

  /** Loads the journey; a refresh after an action keeps the page on screen instead of "Loading…". */
  private load(refresh: boolean): void {
    loadState(this.api.journey())
      .pipe(filter((state) => !refresh || state.status !== 'loading'))
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'loaded' && state.value.communityMember && !this.community()) {
          this.loadCommunity();
        }
      });
  }

  private loadCommunity(): void {
    this.communityApi.settings().subscribe({
      next: (settings) => {
        this.community.set(settings);
        this.directoryForm.setValue({ inDirectory: settings.inDirectory });
      },
      error: () => this.community.set(null),
    });
  }

  protected isPast(session: JourneySession): boolean {
    return Date.parse(session.endsAt) < Date.now();
  }

  protected accept(enrolment: Enrolment): void {
    this.act(this.api.acceptOffer(enrolment.id), `You have accepted your place on ${enrolment.cohortName}`);
  }

  protected decline(enrolment: Enrolment): void {
    this.act(this.api.declineOffer(enrolment.id), `You have declined the place on ${enrolment.cohortName}`);
  }

  protected askToWithdraw(): void {
    this.confirmingWithdrawal.set(true);
    focusAfterRender(this.injector, this.host, '#withdraw-confirm-heading');
  }

  protected keepPlace(): void {
    this.confirmingWithdrawal.set(false);
    focusAfterRender(this.injector, this.host, '#withdraw-heading');
  }

  protected withdraw(enrolment: Enrolment): void {
    this.act(this.api.withdraw(enrolment.id), `You have withdrawn from ${enrolment.cohortName}`);
  }

  protected saveDirectoryChoice(): void {
    if (this.busy()) return;
    this.busy.set(true);
    const inDirectory = this.directoryForm.controls.inDirectory.value;
    this.communityApi.setInDirectory(inDirectory).subscribe({
      next: (settings) => {
        this.community.set(settings);
        this.done(
          settings.inDirectory
            ? 'You are listed in the Community of Practice directory'
            : 'You are no longer listed in the Community of Practice directory',
        );
      },
      error: (error: unknown) => this.failed(error),
    });
  }

  private act(request: Observable<Enrolment>, success: string): void {
    if (this.busy()) return;
    this.busy.set(true);
    request.subscribe({
      next: () => {
        this.confirmingWithdrawal.set(false);
        this.done(success);
        this.load(true);
      },
      error: (error: unknown) => this.failed(error),
    });
  }

  private done(message: string): void {
    this.busy.set(false);
    this.actionErrors.set([]);
    this.message.set(message);
    focusAfterRender(this.injector, this.host, '[data-testid="success-banner"]');
  }

  private failed(error: unknown): void {
    this.busy.set(false);
    this.message.set(null);
    this.actionErrors.set(mapApiError(error).errors);
  }
}
