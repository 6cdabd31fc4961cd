import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { onReplica } from '../../database/read-replica';
import { newSecretToken, SECRET_TOKEN_PATTERN, sha256Hex } from '../../common/secret-tokens';
import { CalendarEntry, CalendarFeed, CalendarFeedStatus } from '@upstand/contracts';
import { addDays, buildCalendar, londonWallClockToUtc } from '@upstand/schedule';
import { InvalidInputError } from '../../common/domain-errors';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { todayInLondon } from '../../common/london-date';
import { AuditService } from '../audit/audit.service';
import { toCalendarEntry } from '../cohorts/cohort.mapper';
import { SessionViewsRepository } from '../cohorts/session-views.repository';
import { toCalendarEvent } from '../cohorts/sessions.service';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarQueryDto } from './dto/calendar.dto';

const MAX_RANGE_DAYS = 400;
/** Beyond this a calendar is unreadable anyway: the caller is asked to narrow it rather than silently cut. */
const MAX_ENTRIES = 10_000;
const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = 730;

const hashFeedToken = sha256Hex;
const midnight = (date: string) => londonWallClockToUtc(date, '00:00');

@Injectable()
export class CalendarService {
  constructor(
    private readonly views: SessionViewsRepository,
    private readonly feeds: CalendarFeedsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The programme calendar between two London dates, filtered; SQL does the joining and filtering. Only the
   * sessions the viewer's grant reaches (by the cohort's system), and series for the whole region.
   */
  async query(query: CalendarQueryDto, viewer: AuthenticatedUser): Promise<CalendarEntry[]> {
    if (query.to <= query.from) throw InvalidInputError.field('to', 'to must be after from');
    if (query.to > addDays(query.from, MAX_RANGE_DAYS))
      throw InvalidInputError.field('to', `A calendar query covers at most ${MAX_RANGE_DAYS} days`);
    const rows = await this.views.find({
      from: midnight(query.from),
      to: midnight(query.to),
      system: query.system,
      cohortId: query.cohortId,
      kind: query.kind,
      facilitatorId: query.facilitatorId,
      visibleSystemIds: visibleSystemIds(viewer, ['programme-lead', 'facilitator']),
      limit: MAX_ENTRIES + 1,
    });
    if (rows.length > MAX_ENTRIES) {
      throw InvalidInputError.field(
        'to',
        `More than ${MAX_ENTRIES.toLocaleString('en-GB')} sessions fall in this range: choose fewer days or add a filter`,
      );
    }
    return rows.map(toCalendarEntry);
  }

  /** Sessions the user facilitates, from today (London) for a year unless given. */
  async mySessions(userId: string, from?: string, to?: string): Promise<CalendarEntry[]> {
    const start = from ?? todayInLondon();
    const end = to ?? addDays(start, 366);
    if (end <= start) throw InvalidInputError.field('to', 'to must be after from');
    return (
      await this.views.find({ from: midnight(start), to: midnight(end), facilitatorUserId: userId })
    ).map(toCalendarEntry);
  }

  /** Whether the user has a subscription; never its URL, which only the user was shown (when it was made). */
  async getFeed(userId: string): Promise<CalendarFeedStatus> {
    const feed = await this.feeds.findByUser(userId);
    return { active: feed !== null, createdAt: feed?.createdAt.toISOString() ?? null };
  }

  /** A new subscription URL (replacing any old one), returned this once: only its token's hash is stored. */
  async createFeed(userId: string, baseUrl: string): Promise<CalendarFeed> {
    const token = newSecretToken();
    const feed = await this.feeds.upsert(userId, hashFeedToken(token));
    await this.audit.record({
      actorUserId: userId,
      action: 'calendar-feed.created',
      entityType: 'user',
      entityId: userId,
    });
    return { url: feedUrl(baseUrl, token), createdAt: feed.createdAt.toISOString() };
  }

  async revokeFeed(userId: string): Promise<void> {
    await this.feeds.delete(userId);
    await this.audit.record({
      actorUserId: userId,
      action: 'calendar-feed.revoked',
      entityType: 'user',
      entityId: userId,
    });
  }

  /** The iCalendar body behind a feed URL, or null for an unknown (or revoked) token. */
  async feedCalendar(token: string): Promise<string | null> {
    if (!SECRET_TOKEN_PATTERN.test(token)) return null;
    const feed = await this.feeds.findByTokenHash(hashFeedToken(token));
    if (!feed) return null;
    const today = todayInLondon();
    const window = {
      from: midnight(addDays(today, -FEED_PAST_DAYS)),
      to: midnight(addDays(today, FEED_FUTURE_DAYS)),
    };
    // Calendar services poll every feed every few hours, so the sessions come from the read replica when there is
    // one (a moment behind is fine); the token above was checked on the primary, so a revoked feed stops at once.
    // A person may both facilitate and attend (train the trainer): their feed holds both, each session once.
    const [facilitated, booked] = await onReplica(this.dataSource, async (replica) => [
      await this.views.find({ ...window, facilitatorUserId: feed.userId }, replica),
      await this.views.find({ ...window, bookedUserId: feed.userId }, replica),
    ]);
    const rows = [...new Map([...facilitated, ...booked].map((row) => [row.id, row])).values()].sort(
      (a, b) => a.startsAt.getTime() - b.startsAt.getTime(),
    );
    return buildCalendar(rows.map(toCalendarEvent), { name: 'Upstand sessions' });
  }

  /**
   * Every session the delegate is booked on, as one file to import ("Add all my sessions to my calendar"):
   * METHOD:PUBLISH with one VEVENT each is right for a download, unlike an emailed invitation. Cancelled
   * sessions are left out: a first import has nothing to remove.
   */
  async bookedCalendar(userId: string): Promise<string> {
    const rows = await this.views.find({ bookedUserId: userId });
    return buildCalendar(rows.filter((row) => row.status !== 'cancelled').map(toCalendarEvent), {
      name: 'My Upstand sessions',
    });
  }
}

function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/api/calendar/feed/${token}.ics`;
}
