import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammeSystem1796610000000 implements MigrationInterface {
  name = 'ProgrammeSystem1796610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "programme" ADD "system_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_programme_system" ON "programme"  ("system_id") `);
    await queryRunner.query(
      `ALTER TABLE "programme" ADD CONSTRAINT "FK_eeca9bb971629d92e328f1db36d" FOREIGN KEY ("system_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "programme" DROP CONSTRAINT "FK_eeca9bb971629d92e328f1db36d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_programme_system"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "system_id"`);
  }
}
