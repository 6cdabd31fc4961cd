import {
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { CalendarEntry, CalendarFeed, CalendarFeedStatus } from '@upstand/contracts';
import { Request } from 'express';
import { Authenticated, CurrentUser, GuardsSecret, Public, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CalendarService } from './calendar.service';
import { CalendarQueryDto, MySessionsQueryDto } from './dto/calendar.dto';

const baseUrl = (request: Request) => `${request.protocol}://${request.get('host') ?? 'localhost'}`;

/**
 * Wrong (or stopped) calendar feeds one address may poll in 15 minutes. High: calendar services such as Outlook's
 * poll thousands of people's feeds from a few shared addresses, and a 256-bit token is not guessable anyway.
 */
export const FEED_GUESSES = 300;

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Roles('programme-lead', 'facilitator')
  @Get('calendar')
  query(@Query() query: CalendarQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<CalendarEntry[]> {
    return this.calendar.query(query, user);
  }

  @Roles('facilitator', 'programme-lead')
  @Get('me/sessions')
  mySessions(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: MySessionsQueryDto,
  ): Promise<CalendarEntry[]> {
    return this.calendar.mySessions(user.id, query.from, query.to);
  }

  /** Every session the delegate is booked on, as a calendar file to download and import. */
  @Roles('delegate')
  @Get('me/calendar.ics')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="my-upstand-sessions.ics"')
  @Header('Cache-Control', 'private, no-store')
  myCalendar(@CurrentUser() user: AuthenticatedUser): Promise<string> {
    return this.calendar.bookedCalendar(user.id);
  }

  /** Whether there is a subscription and since when; its URL was shown once, when it was made. */
  @Authenticated()
  @Get('me/calendar-feed')
  getFeed(@CurrentUser() user: AuthenticatedUser): Promise<CalendarFeedStatus> {
    return this.calendar.getFeed(user.id);
  }

  /** Creates the subscription URL, or replaces it (the old URL stops working); the only time it is shown. */
  @Authenticated()
  @Post('me/calendar-feed')
  createFeed(@CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<CalendarFeed> {
    return this.calendar.createFeed(user.id, baseUrl(request));
  }

  @Authenticated()
  @Delete('me/calendar-feed')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeFeed(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.calendar.revokeFeed(user.id);
  }

  /** Public by design: calendar apps cannot sign in, so the secret token in the URL is the credential. */
  @Public()
  @GuardsSecret('token', FEED_GUESSES)
  @Get('calendar/feed/:file')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('file') file: string): Promise<string> {
    const body = await this.calendar.feedCalendar(file.replace(/\.ics$/, ''));
    if (!body)
      throw new NotFoundException({
        message: 'This calendar link is not valid (it may have been replaced or stopped)',
      });
    return body;
  }
}
