import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { BackgroundWorkModule } from './common/background-work';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ENTITIES } from './database/entities';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CohortsModule } from './modules/cohorts/cohorts.module';
import { DelegatesModule } from './modules/delegates/delegates.module';
import { EnrolmentsModule } from './modules/enrolments/enrolments.module';
import { MailModule } from './modules/mail/mail.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ApprovalLinksModule } from './modules/approvals/approval-links.module';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { EvaluationsModule } from './modules/evaluations/evaluations.module';
import { GovernanceModule } from './modules/governance/governance.module';
import { FacilitatorsModule } from './modules/facilitators/facilitators.module';
import { VenuesModule } from './modules/venues/venues.module';
import { DemoModule } from './modules/demo/demo.module';
import { HealthModule } from './modules/health/health.module';
import { ImportsModule } from './modules/imports/imports.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { ProgrammesModule } from './modules/programmes/programmes.module';
import { UsersModule } from './modules/users/users.module';
import { UserAdminModule } from './modules/user-admin/user-admin.module';
import { SecondFactorModule } from './modules/second-factor/second-factor.module';
import { SsoModule } from './modules/sso/sso.module';
import { ErasureModule } from './modules/erasure/erasure.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

@Module({})
export class AppModule {
  /** `databaseUrl` is resolved before Nest starts: an external server or the embedded one. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.log.level,
            redact: ['req.headers.cookie', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (request) => /^\/api\/health(\/(live|ready))?$/.test(request.url ?? '') },
            customProps: () => ({ service: 'upstand-api' }),
          },
          forRoutes: ['/api/{*path}'],
        }),
        TypeOrmModule.forRoot({
          type: 'postgres',
          // With a replica, reads still go to the primary unless a caller asks for a 'slave' query runner
          // (database/read-replica.ts): a page someone just changed must never show the replica's older copy.
          ...(config.database.readUrl
            ? {
                replication: {
                  master: { url: databaseUrl },
                  slaves: [{ url: config.database.readUrl }],
                  defaultMode: 'master' as const,
                },
              }
            : { url: databaseUrl }),
          entities: ENTITIES,
          synchronize: false,
          uuidExtension: 'pgcrypto',
          migrationsRun: false,
          extra: {
            max: config.database.poolMax,
            connectionTimeoutMillis: 5000,
            application_name: 'upstand-api',
          },
        }),
        // Without it the @Cron methods are plain methods: nothing is scheduled (BACKGROUND_WORK=false).
        ...(config.background.enabled ? [ScheduleModule.forRoot()] : []),
        BackgroundWorkModule,
        AuditModule,
        MailModule,
        NotificationsModule,
        ApprovalLinksModule,
        UsersModule,
        AuthModule,
        SecondFactorModule,
        SsoModule,
        OrganisationsModule,
        HealthModule,
        ProgrammesModule,
        VenuesModule,
        FacilitatorsModule,
        CohortsModule,
        CalendarModule,
        DelegatesModule,
        EnrolmentsModule,
        ApprovalsModule,
        AttendanceModule,
        EvaluationsModule,
        ImportsModule,
        GovernanceModule,
        AnalyticsModule,
        ErasureModule,
        DemoModule,
        UserAdminModule,
      ],
    };
  }
}
