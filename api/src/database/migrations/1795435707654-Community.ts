import { MigrationInterface, QueryRunner } from 'typeorm';

export class Community1795435707654 implements MigrationInterface {
  name = 'Community1795435707654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "community_member" ("user_id" uuid NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "in_directory" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_2a353679a02e7b49bb1c16c6683" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_member" ADD CONSTRAINT "FK_2a353679a02e7b49bb1c16c6683" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "community_member" DROP CONSTRAINT "FK_2a353679a02e7b49bb1c16c6683"`,
    );
    await queryRunner.query(`DROP TABLE "community_member"`);
  }
}
