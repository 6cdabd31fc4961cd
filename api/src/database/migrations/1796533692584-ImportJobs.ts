import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportJobs1796533692584 implements MigrationInterface {
  name = 'ImportJobs1796533692584';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "import_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'running', "phase" character varying(12) NOT NULL DEFAULT 'reading', "rows_done" integer NOT NULL DEFAULT '0', "rows_total" integer, "result" jsonb, "errors" jsonb NOT NULL DEFAULT '[]', "created_by_user_id" uuid NOT NULL, "lease_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_65b4c7eccb8120972a7b8da7682" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_import_job_created_by" ON "import_job"  ("created_by_user_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "import_job" ADD CONSTRAINT "FK_cccb8709b9dd7fb3976eb67063b" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_job" DROP CONSTRAINT "FK_cccb8709b9dd7fb3976eb67063b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_import_job_created_by"`);
    await queryRunner.query(`DROP TABLE "import_job"`);
  }
}
