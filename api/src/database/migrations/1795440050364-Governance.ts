import { MigrationInterface, QueryRunner } from 'typeorm';

export class Governance1795440050364 implements MigrationInterface {
  name = 'Governance1795440050364';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "programme_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "label" character varying(100) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_programme_review_period" CHECK ("period_end" >= "period_start"), CONSTRAINT "PK_99a3bf72516e05621b4323bbb76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_programme_review_label" ON "programme_review"  ("programme_id", "label") `,
    );
    await queryRunner.query(
      `CREATE TABLE "programme_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "action" character varying(1000) NOT NULL, "owner" character varying(200) NOT NULL, "due_date" date NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "area" character varying(60), "review_id" uuid, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_programme_action_area" CHECK ("area" IS NULL OR "area" IN ('overall-effectiveness', 'relevance', 'efficiency', 'implementation', 'stakeholder-engagement', 'participation-accessibility', 'quality-of-outputs', 'learning-adaptation', 'sustainability', 'impact-on-target-cohort', 'collaboration-partnerships', 'communication-effectiveness', 'cost-benefit', 'monitoring-evaluation', 'long-term-impact', 'recommendations')), CONSTRAINT "CHK_programme_action_status" CHECK ("status" IN ('open', 'in-progress', 'done', 'dropped')), CONSTRAINT "PK_5fa321853a7fbdd8d4d68a6c1d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_programme_action_review" ON "programme_action"  ("review_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_programme_action_programme" ON "programme_action"  ("programme_id", "status", "due_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "programme_review_rating" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "area" character varying(60) NOT NULL, "rating" character varying(10) NOT NULL, "evidence" character varying(4000) NOT NULL, "rated_by_user_id" uuid, "rated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_programme_review_rating_area" CHECK ("area" IN ('overall-effectiveness', 'relevance', 'efficiency', 'implementation', 'stakeholder-engagement', 'participation-accessibility', 'quality-of-outputs', 'learning-adaptation', 'sustainability', 'impact-on-target-cohort', 'collaboration-partnerships', 'communication-effectiveness', 'cost-benefit', 'monitoring-evaluation', 'long-term-impact', 'recommendations')), CONSTRAINT "CHK_programme_review_rating_rating" CHECK ("rating" IN ('red', 'amber', 'green')), CONSTRAINT "PK_c14797b6387ba0a5ffca5bb44de" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_programme_review_rating_rated_by" ON "programme_review_rating"  ("rated_by_user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_programme_review_rating_area" ON "programme_review_rating"  ("review_id", "area") `,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_review" ADD CONSTRAINT "FK_d3971cfdbb2459e15eb5e5e697c" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_review" ADD CONSTRAINT "FK_3fe1d03541181cac80affa458e2" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_action" ADD CONSTRAINT "FK_238f684f9e49c1772105bd5b98e" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_action" ADD CONSTRAINT "FK_af6251b0d57557fdc74d728c43d" FOREIGN KEY ("review_id") REFERENCES "programme_review"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_review_rating" ADD CONSTRAINT "FK_d4efc7dfe6352efeb81fd0df5cd" FOREIGN KEY ("review_id") REFERENCES "programme_review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_review_rating" ADD CONSTRAINT "FK_e4877f11944981cffed8c658426" FOREIGN KEY ("rated_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "programme_review_rating" DROP CONSTRAINT "FK_e4877f11944981cffed8c658426"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_review_rating" DROP CONSTRAINT "FK_d4efc7dfe6352efeb81fd0df5cd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_action" DROP CONSTRAINT "FK_af6251b0d57557fdc74d728c43d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_action" DROP CONSTRAINT "FK_238f684f9e49c1772105bd5b98e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_review" DROP CONSTRAINT "FK_3fe1d03541181cac80affa458e2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_review" DROP CONSTRAINT "FK_d3971cfdbb2459e15eb5e5e697c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_programme_review_rating_area"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_programme_review_rating_rated_by"`);
    await queryRunner.query(`DROP TABLE "programme_review_rating"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_programme_action_programme"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_programme_action_review"`);
    await queryRunner.query(`DROP TABLE "programme_action"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_programme_review_label"`);
    await queryRunner.query(`DROP TABLE "programme_review"`);
  }
}
