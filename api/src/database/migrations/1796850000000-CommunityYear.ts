import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each programme's Community of Practice reporting year, recorded rather than looked up on each view: the latest
 * financial year in which the programme has held a catch-up or the celebration event. An undated funnel counts who
 * was active in it, so its figures changed whenever a clock passed the start of a new year's first catch-up, with
 * no data changed (and a kept figure would not notice). The every-minute Impact job now records the year, as it
 * records opened questionnaires, and the recording is the change. Filled here as the job would, the definition
 * written out, as a migration records the schema as it was.
 */
export class CommunityYear1796850000000 implements MigrationInterface {
  name = 'CommunityYear1796850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "community_year" ("programme_id" uuid NOT NULL, "fy" integer NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_community_year" PRIMARY KEY ("programme_id"),
        CONSTRAINT "FK_community_year_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE)`,
    );
    // Kept figures are keyed by the change counter. Per row, so the job's minutely upsert that changes nothing
    // does not advance it.
    await queryRunner.query(
      `CREATE TRIGGER "analytics_changed" AFTER INSERT OR UPDATE OR DELETE ON "community_year"
       FOR EACH ROW EXECUTE FUNCTION "analytics_changed"()`,
    );
    await queryRunner.query(
      `INSERT INTO community_year (programme_id, fy)
       SELECT pr.id, latest.fy FROM programme pr
       CROSS JOIN LATERAL (
         SELECT extract(year FROM s.starts_at AT TIME ZONE 'Europe/London')::int
                - CASE WHEN extract(month FROM s.starts_at AT TIME ZONE 'Europe/London') < 4 THEN 1 ELSE 0 END AS fy
         FROM session s LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN session_series se ON se.id = s.series_id
         WHERE coalesce(c.programme_id, se.programme_id) = pr.id AND s.status = 'scheduled'
           AND s.kind IN ('community-of-practice', 'celebration-event') AND s.starts_at <= now()
         ORDER BY s.starts_at DESC LIMIT 1) latest`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "community_year"`);
  }
}
