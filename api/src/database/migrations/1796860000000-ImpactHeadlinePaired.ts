import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A new Impact fact, `headline-paired`: one row per person paired on the headline item (a numeric answer to
 * confidence_intervene at pre and at post), kept at every grain including the cohort-whole one, so a national
 * breakdown by cohort reads the base of each cohort's headline change from one row per cohort rather than the
 * item's answer pairs per cohort × organisation (114,000 rows at 200,000 delegates).
 *
 * Filled here for everyone already counted (impact_person), as the applier computes it, then summed into the
 * coarser grains from the cohort grain as the rebuild does: nobody needs logging again. The definitions are written
 * out, as a migration records the schema as it was. Under the aggregates' lock, so no turn of the applier runs
 * between the two. `npm run analytics:rebuild` checks the result against a computation from scratch.
 */
const COARSE: [string, string[]][] = [
  ['impact_cell_organisation', ['organisation_id', 'system_id', 'fy', 'grp']],
  ['impact_cell_system', ['system_id', 'fy', 'grp']],
  ['impact_cell_programme', ['fy', 'grp']],
  ['impact_cell_cohort_whole', ['cohort_id', 'cohort_system_id', 'start_date', 'fy']],
];
const COHORT_COLUMNS = ['cohort_id', 'organisation_id', 'system_id', 'cohort_system_id', 'start_date', 'fy', 'grp'];

export class ImpactHeadlinePaired1796860000000 implements MigrationInterface {
  name = 'ImpactHeadlinePaired1796860000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pg_advisory_xact_lock(hashtext('impact-aggregates'))`);
    const cohort = COHORT_COLUMNS.join(', ');
    const person = COHORT_COLUMNS.map((column) => `p.${column}`).join(', ');
    await queryRunner.query(
      `INSERT INTO impact_cell_cohort (programme_id, ${cohort}, fact, dims, n)
       SELECT p.programme_id, ${person}, 'headline-paired', '[]'::jsonb,
              count(*)::int
       FROM impact_person p
       JOIN evaluation_response rf ON rf.programme_id = p.programme_id AND rf.stage = 'pre' AND rf.pairing_key = p.person_key AND rf.session_key = ''
       JOIN evaluation_response rt ON rt.programme_id = p.programme_id AND rt.stage = 'post' AND rt.pairing_key = p.person_key AND rt.session_key = ''
       JOIN evaluation_answer f ON f.response_id = rf.id AND f.item_code = 'confidence_intervene' AND f.value_number IS NOT NULL
       JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code AND t.value_number IS NOT NULL
       GROUP BY p.programme_id, ${person}`,
    );
    for (const [table, columns] of COARSE) {
      const keys = ['programme_id', 'fact', ...columns, 'dims'].join(', ');
      await queryRunner.query(
        `INSERT INTO ${table} (${keys}, n)
         SELECT ${keys}, sum(n)::int FROM impact_cell_cohort WHERE fact = 'headline-paired' GROUP BY ${keys}`,
      );
    }
    await queryRunner.query(`ANALYZE "impact_cell_cohort_whole"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['impact_cell_cohort', ...COARSE.map(([name]) => name)])
      await queryRunner.query(`DELETE FROM ${table} WHERE fact = 'headline-paired'`);
  }
}
