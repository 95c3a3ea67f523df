import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsBoolean, IsIn, IsInt, Max, Min, IsString } from 'class-validator';
import { Type } from 'class-transformer';
import { Env } from './env.decorator';

export const PROCESS_ROLES = ['api', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const DEPLOYMENT_MODES = ['development', 'test', 'production'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

export class ProcessConfig {
  @Env('NODE_ENV', { description: 'Deployment mode: `development`, `test` or `production`.' })
  @IsIn(DEPLOYMENT_MODES)
  mode: DeploymentMode = 'development';

  @Env('CORRIDOR_ROLES', { description: 'Comma-separated process roles: `api`, `worker`, `scheduler`.' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((role) => role.trim()).filter(Boolean) : value,
  )
  @ArrayNotEmpty()
  @IsIn(PROCESS_ROLES, { each: true })
  roles: ProcessRole[] = ['api', 'worker', 'scheduler'];

  @Env('CORRIDOR_AUTO_MIGRATE', {
    description: 'Create the database if missing and apply migrations at start (single-machine default). Set `false` where a separate migration step runs.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value === 'true' : value))
  @IsBoolean()
  autoMigrate = true;

  @Env('SHUTDOWN_TIMEOUT_MS', { description: 'How long graceful shutdown waits for in-flight requests and jobs.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  shutdownTimeoutMs = 15_000;

  @Env('LOG_LEVEL', { description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.' })
  @IsString()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  hasRole(role: ProcessRole): boolean {
    return this.roles.includes(role);
  }
}
