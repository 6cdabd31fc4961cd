import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Params } from '../impact-sql';
import { AnalyticsRepository } from '../analytics.repository';

export interface MatchedRow {
  respondent: string;
  cohort: string;
  odsCode: string | null;
  answers: Record<string, string>;
}

/** The matched-ID export's SQL (programme leads only). */
@Injectable()
export class MatchedExportRepository {
  constructor(
    private readonly cells: AnalyticsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Every respondent's journey answers side by side, streamed from PostgreSQL one row at a time (pg-query-stream)
   * so a national export never sits in memory. Respondents are numbered; the pairing key never leaves the database.
   */
  async streamMatchedResponses(
    programmeId: string,
    systemIds: string[] | null,
  ): Promise<{ rows: AsyncIterable<MatchedRow>; release: () => Promise<void> }> {
    if (systemIds) await this.cells.catchUp();
    const params = new Params();
    const programme = params.add(programmeId);
    // A lead of some systems gets only the respondents Impact counts in them (people() decides who that is).
    const people = systemIds
      ? `WITH ${this.cells.people({ programmeId, sponsorOrganisationId: null, systemIds }, params)}`
      : '';
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    const stream = await runner.stream(
      `${people}
       SELECT row_number() OVER (ORDER BY r.pairing_key) AS respondent,
              min(c.name) AS cohort, min(o.ods_code) AS "odsCode",
              jsonb_object_agg(r.stage || '.' || a.item_code, coalesce(a.value_number::text, a.value_text)) AS answers
       FROM evaluation_response r
       JOIN evaluation_answer a ON a.response_id = r.id
       JOIN cohort c ON c.id = r.cohort_id
       LEFT JOIN app_user u ON u.id = r.delegate_user_id
       LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE r.programme_id = ${programme} AND r.session_key = ''
         ${systemIds ? 'AND r.pairing_key IN (SELECT person_key FROM p)' : ''}
       GROUP BY r.pairing_key
       ORDER BY r.pairing_key`,
      params.values,
    );
    return {
      rows: stream as AsyncIterable<MatchedRow>,
      release: async () => {
        stream.destroy();
        await runner.release();
      },
    };
  }
}
