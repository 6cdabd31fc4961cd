import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Impact figures kept up to date as data arrives instead of recomputed from every answer on every view
 * (see api/src/modules/analytics/aggregates/). Written by hand: TypeORM does not model triggers.
 *
 * - `impact_change` is a change log: triggers on every table the figures read append the people whose figures a
 *   statement may have changed. Appending never waits for anyone (no unique key), so a submission is not held up
 *   by the job that applies the log; the job deletes exactly the rows it has read.
 * - `impact_person` is each programme's people as the reports count them (each delegate once, at their latest
 *   place; each anonymous code once), with the columns every filter needs.
 * - `impact_cell_cohort`, `impact_cell_organisation` and `impact_cell_system` hold counts of people per fact and
 *   dimensions at three grains; reports read the coarsest grain that can answer their filters.
 * - `questionnaire_window` records when a cohort's post and follow-up questionnaires opened, so who was "asked"
 *   changes when that is recorded, not whenever a clock passes a time.
 */
// n people per cell; s1–s3 exact sums some facts keep beside the count (a construct's scores), else null.
const CELL_FACT_COLUMNS = `"fact" character varying(60) NOT NULL, "dims" jsonb NOT NULL, "n" integer NOT NULL,
  "s1" numeric, "s2" numeric, "s3" numeric`;

/** Table → the SQL selecting (programme_id, person_key) of the people its changed rows (`changed`) touch. */
const PEOPLE_OF_COHORTS = (cohorts: string) => `
  SELECT e.programme_id, e.delegate_user_id::text FROM enrolment e WHERE e.cohort_id IN (${cohorts})
  UNION SELECT r.programme_id, r.pairing_key FROM evaluation_response r
        WHERE r.cohort_id IN (${cohorts}) AND r.delegate_user_id IS NULL AND r.session_key = ''`;
const PEOPLE_OF_USERS = (users: string) => `
  SELECT e.programme_id, e.delegate_user_id::text FROM enrolment e WHERE e.delegate_user_id IN (${users})`;

const AFFECTED: Record<string, string> = {
  enrolment: `SELECT programme_id, delegate_user_id::text FROM changed`,
  evaluation_response: `SELECT programme_id, pairing_key FROM changed`,
  evaluation_answer: `SELECT r.programme_id, r.pairing_key FROM changed JOIN evaluation_response r ON r.id = changed.response_id`,
  attendance: `SELECT e.programme_id, e.delegate_user_id::text FROM changed JOIN enrolment e ON e.id = changed.enrolment_id`,
  community_attendance: `
    SELECT coalesce(c.programme_id, se.programme_id), changed.user_id::text FROM changed
    JOIN session s ON s.id = changed.session_id LEFT JOIN cohort c ON c.id = s.cohort_id
    LEFT JOIN session_series se ON se.id = s.series_id`,
  app_user: PEOPLE_OF_USERS('SELECT id FROM changed'),
  delegate_profile: PEOPLE_OF_USERS('SELECT user_id FROM changed'),
  equality_monitoring: PEOPLE_OF_USERS('SELECT user_id FROM changed'),
  cohort: PEOPLE_OF_COHORTS('SELECT id FROM changed'),
  questionnaire_window: PEOPLE_OF_COHORTS('SELECT cohort_id FROM changed'),
  journey_template: PEOPLE_OF_COHORTS(
    'SELECT c.id FROM cohort c WHERE c.template_id IN (SELECT id FROM changed)',
  ),
  // A session's cohort (sets held, when the post questionnaire opens) and whoever attended it (Community of
  // Practice activity).
  session: `${PEOPLE_OF_COHORTS('SELECT cohort_id FROM changed WHERE cohort_id IS NOT NULL')}
    UNION SELECT e.programme_id, e.delegate_user_id::text FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id
          WHERE a.session_id IN (SELECT id FROM changed)
    UNION SELECT coalesce(c.programme_id, se.programme_id), ca.user_id::text FROM community_attendance ca
          JOIN session s ON s.id = ca.session_id LEFT JOIN cohort c ON c.id = s.cohort_id
          LEFT JOIN session_series se ON se.id = s.series_id
          WHERE ca.session_id IN (SELECT id FROM changed)`,
  // An organisation's people (their system and group), and, for a system, everyone counted in it.
  organisation: `${PEOPLE_OF_USERS(
    `SELECT u.id FROM app_user u JOIN organisation o ON o.id = u.organisation_id
     WHERE o.id IN (SELECT id FROM changed) OR o.system_id IN (SELECT id FROM changed)`,
  )}
    UNION ${PEOPLE_OF_COHORTS('SELECT c.id FROM cohort c WHERE c.system_id IN (SELECT id FROM changed)')}`,
  // Construct membership comes from the current questionnaire: a new version touches the whole programme.
  instrument: `
    SELECT e.programme_id, e.delegate_user_id::text FROM enrolment e WHERE e.programme_id IN (SELECT programme_id FROM changed)
    UNION SELECT r.programme_id, r.pairing_key FROM evaluation_response r
          WHERE r.programme_id IN (SELECT programme_id FROM changed) AND r.delegate_user_id IS NULL AND r.session_key = ''`,
};

/** Tables whose every change may move someone between cells: the change's old rows count as well as its new. */
export const IMPACT_SOURCE_TABLES = Object.keys(AFFECTED);

export class ImpactAggregates1796760000000 implements MigrationInterface {
  name = 'ImpactAggregates1796760000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "impact_change" ("id" bigserial NOT NULL, "programme_id" uuid NOT NULL, "person_key" text NOT NULL,
        CONSTRAINT "PK_impact_change" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "impact_person" ("programme_id" uuid NOT NULL, "person_key" text NOT NULL, "user_id" uuid,
        "enrolment_id" uuid, "status" character varying(30), "cohort_id" uuid NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE,
        "organisation_id" uuid, "system_id" uuid, "cohort_system_id" uuid, "start_date" date NOT NULL, "fy" integer NOT NULL,
        "grp" text NOT NULL, CONSTRAINT "PK_impact_person" PRIMARY KEY ("programme_id", "person_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_impact_person_group" ON "impact_person" ("programme_id", "cohort_id", "organisation_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "impact_cell_cohort" ("programme_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "organisation_id" uuid,
        "system_id" uuid, "cohort_system_id" uuid, "start_date" date NOT NULL, "fy" integer NOT NULL, "grp" text NOT NULL,
        ${CELL_FACT_COLUMNS})`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_impact_cell_cohort_group" ON "impact_cell_cohort" ("programme_id", "cohort_id", "organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_impact_cell_cohort_fact" ON "impact_cell_cohort" ("programme_id", "fact", "system_id", "start_date")`,
    );
    await queryRunner.query(
      `CREATE TABLE "impact_cell_organisation" ("programme_id" uuid NOT NULL, "organisation_id" uuid, "system_id" uuid,
        "fy" integer NOT NULL, "grp" text NOT NULL, ${CELL_FACT_COLUMNS},
        CONSTRAINT "UQ_impact_cell_organisation" UNIQUE NULLS NOT DISTINCT ("programme_id", "fact", "system_id", "organisation_id", "fy", "grp", "dims"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "impact_cell_system" ("programme_id" uuid NOT NULL, "system_id" uuid, "fy" integer NOT NULL,
        "grp" text NOT NULL, ${CELL_FACT_COLUMNS},
        CONSTRAINT "UQ_impact_cell_system" UNIQUE NULLS NOT DISTINCT ("programme_id", "fact", "system_id", "fy", "grp", "dims"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "questionnaire_window" ("cohort_id" uuid NOT NULL, "stage" character varying(20) NOT NULL,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_questionnaire_window" PRIMARY KEY ("cohort_id", "stage"),
        CONSTRAINT "FK_questionnaire_window_cohort" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE)`,
    );
    for (const [table, affected] of Object.entries(AFFECTED)) {
      // One function per table and event: transition tables are only allowed on single-event triggers.
      for (const [event, tables] of [
        ['INSERT', ['new']],
        ['UPDATE', ['old', 'new']],
        ['DELETE', ['old']],
      ] as const) {
        const fn = `impact_mark_${table}_${event.toLowerCase()}`;
        const changed = tables.map((t) => `SELECT * FROM ${t}_rows`).join(' UNION ALL ');
        await queryRunner.query(`CREATE FUNCTION "${fn}"() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO impact_change (programme_id, person_key)
            SELECT DISTINCT * FROM (WITH changed AS (${changed}) ${affected}) affected(programme_id, person_key)
            WHERE programme_id IS NOT NULL AND person_key IS NOT NULL;
            RETURN NULL;
          END $$`);
        await queryRunner.query(
          `CREATE TRIGGER "${fn}" AFTER ${event} ON "${table}"
           REFERENCING ${tables.map((t) => `${t.toUpperCase()} TABLE AS ${t}_rows`).join(' ')}
           FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`,
        );
      }
    }
    // The in-memory aggregate cache is keyed by the change counter: applying the log changes the figures.
    for (const table of ['impact_cell_cohort', 'impact_cell_organisation', 'impact_cell_system'])
      await queryRunner.query(
        `CREATE TRIGGER "analytics_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION "analytics_changed"()`,
      );
    // Everything that exists now is applied by the first run of the job.
    await queryRunner.query(
      `INSERT INTO impact_change (programme_id, person_key)
       SELECT DISTINCT programme_id, delegate_user_id::text FROM enrolment
       UNION SELECT DISTINCT programme_id, pairing_key FROM evaluation_response WHERE delegate_user_id IS NULL AND session_key = ''`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(AFFECTED))
      for (const event of ['insert', 'update', 'delete']) {
        await queryRunner.query(`DROP TRIGGER "impact_mark_${table}_${event}" ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION "impact_mark_${table}_${event}"()`);
      }
    for (const table of [
      'questionnaire_window',
      'impact_cell_system',
      'impact_cell_organisation',
      'impact_cell_cohort',
      'impact_person',
      'impact_change',
    ])
      await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
