import { MigrationInterface, QueryRunner } from 'typeorm';

export class HeadcountAsOf1796665000000 implements MigrationInterface {
  name = 'HeadcountAsOf1796665000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" ADD "headcount_as_of" date`);
    // Headcounts entered before the date was asked for: the day they were last changed is the best known date.
    await queryRunner.query(
      `UPDATE "organisation" SET "headcount_as_of" = ("updated_at" AT TIME ZONE 'Europe/London')::date WHERE "headcount" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "CHK_organisation_headcount_as_of" CHECK (("headcount" IS NULL) = ("headcount_as_of" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "CHK_organisation_headcount_as_of"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "headcount_as_of"`);
  }
}
