import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarFeedEntity } from './calendar-feed.entity';

@Injectable()
export class CalendarFeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByUser(userId: string): Promise<CalendarFeedEntity | null> {
    return this.dataSource.getRepository(CalendarFeedEntity).findOne({ where: { userId } });
  }

  findByTokenHash(tokenHash: string): Promise<CalendarFeedEntity | null> {
    return this.dataSource.getRepository(CalendarFeedEntity).findOne({ where: { tokenHash } });
  }

  /** One feed per user: a new token replaces (and so revokes) the old one. */
  async upsert(userId: string, tokenHash: string): Promise<CalendarFeedEntity> {
    await this.dataSource.query(
      `INSERT INTO calendar_feed (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [userId, tokenHash],
    );
    return (await this.findByUser(userId)) as CalendarFeedEntity;
  }

  async delete(userId: string): Promise<void> {
    await this.dataSource.getRepository(CalendarFeedEntity).delete({ userId });
  }
}
