import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [CohortsModule],
  controllers: [CalendarController],
  providers: [CalendarService, CalendarFeedsRepository],
})
export class CalendarModule {}
