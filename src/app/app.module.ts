import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import type { DestinationStream } from 'pino';
import type { KeyMaterial } from '@infra/crypto/key-material';
import type { CorridorLogger } from '@infra/logging/corridor-logger';
import { Clock } from '@common/clock/clock';
import { ClockModule } from '@common/clock/clock.module';
import { EXPECTED_JOB_NAMES, JobName } from '@common/jobs/job-name';
import type { AppConfig } from '@config/app.config';
import { ConfigModule } from '@config/config.module';
import { CryptoModule } from '@infra/crypto/crypto.module';
import { buildDataSourceOptions } from '@infra/database/data-source-options';
import { DatabaseModule } from '@infra/database/database.module';
import { LoggerModule } from '@infra/logging/logger.module';
import { OutboxModule } from '@infra/outbox/outbox.module';
import { RedisModule } from '@infra/redis/redis.module';
import { SchedulingModule } from '@infra/scheduling/scheduling.module';
import { AccessModule } from '@modules/access/access.module';
import { AuditModule } from '@modules/audit/audit.module';
import { BenchModule } from '@modules/bench/bench.module';
import { CasesModule } from '@modules/cases/cases.module';
import { CheckinsModule } from '@modules/checkins/checkins.module';
import { EscalationsModule } from '@modules/escalations/escalations.module';
import { HealthModule } from '@modules/health/health.module';
import { DocumentsModule } from '@modules/documents/documents.module';
import { JourneysModule } from '@modules/journeys/journeys.module';
import { LockdownModule } from '@modules/lockdown/lockdown.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { StaffModule } from '@modules/staff/staff.module';
import { PartnersModule } from '@modules/partners/partners.module';
import { WebhooksModule } from '@modules/webhooks/webhooks.module';
import { MetricsModule } from '@modules/metrics/metrics.module';
import { ReportsModule } from '@modules/reports/reports.module';
import { ReferralsModule } from '@modules/referrals/referrals.module';
import { SharesModule } from '@modules/shares/shares.module';
import { IdempotencyModule } from '@infra/http/idempotency/idempotency.module';
import { ActivationsModule } from '@modules/activations/activations.module';
import { WorkspaceModule } from '@modules/workspace/workspace.module';
import { PERSISTENCE } from './persistence';

/** The domain modules: the same set in every process role. */
const DOMAIN_MODULES: Type[] = [
  AccessModule,
  AuditModule,
  CasesModule,
  CheckinsModule,
  EscalationsModule,
  HealthModule,
  JourneysModule,
  LockdownModule,
  NotificationsModule,
  StaffModule,
  PartnersModule,
  WebhooksModule,
  MetricsModule,
  ReportsModule,
  ReferralsModule,
  SharesModule,
  ActivationsModule,
  DocumentsModule,
  WorkspaceModule,
];

export interface AppModuleOptions {
  config: AppConfig;
  logger: CorridorLogger;
  /** Resolved before the application is built (a missing key must stop it before it connects). */
  keys: KeyMaterial;
  /** Tests capture log output here. */
  logDestination?: DestinationStream;
  /** Tests move time. */
  clock?: Clock;
  /** Tests add modules with their own job handlers... */
  extraModules?: Array<Type | DynamicModule>;
  /** ...and the job names those handle. */
  extraJobNames?: string[];
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    const overrides: Provider[] = [{ provide: EXPECTED_JOB_NAMES, useValue: [...Object.values(JobName), ...(options.extraJobNames ?? [])] }];
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forConfig(config),
        LoggerModule.forLogger(options.logger),
        ClockModule.register(options.clock),
        DatabaseModule.forOptions(buildDataSourceOptions(config.database, PERSISTENCE, { applicationName: `corridor:${config.process.roles.join('+')}` })),
        RedisModule,
        BullModule.forRoot({
          url: config.redis.url,
          prefix: config.redis.prefix,
          settings: { lockDuration: config.queue.lockMs, stalledInterval: config.queue.lockMs, maxStalledCount: 2 },
        }),
        SchedulingModule,
        OutboxModule,
        IdempotencyModule,
        CryptoModule.forKeys(options.keys),
        ...DOMAIN_MODULES,
        ...(BenchModule.enabledBy(config.http) ? [BenchModule] : []),
        ...(options.extraModules ?? []),
      ],
      providers: overrides,
      exports: overrides,
    };
  }
}
