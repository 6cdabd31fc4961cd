import { MigrationInterface, QueryRunner } from 'typeorm';

export class DemoSeed1796740000000 implements MigrationInterface {
  name = 'DemoSeed1796740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "demo_seed" ("name" character varying(40) NOT NULL, "anchor_date" date NOT NULL, "seeded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_demo_seed" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "demo_seed"`);
  }
}
