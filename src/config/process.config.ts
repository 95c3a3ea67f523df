import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
  IsString,
  ValidatorConstraint,
  Validate,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Type } from 'class-transformer';
import { Env } from './env.decorator';

export const PROCESS_ROLES = ['api', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const DEPLOYMENT_MODES = ['development', 'test', 'production'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

/** Drill time is for rehearsals and the demo: in production it would silence real deadlines. */
@ValidatorConstraint({ name: 'drillTimeOutsideProduction' })
class DrillTimeOutsideProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return value === 1 || (args.object as ProcessConfig).mode !== 'production';
  }

  defaultMessage(): string {
    return 'drillTimeCompression must be 1 (or unset) when NODE_ENV=production';
  }
}

export class ProcessConfig {
  @Env('NODE_ENV', { description: 'Deployment mode: `development`, `test` or `production`.' })
  @IsIn(DEPLOYMENT_MODES)
  mode: DeploymentMode = 'development';

  @Env('CORRIDOR_ROLES', { description: 'Comma-separated process roles: `api`, `worker`, `scheduler`.' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((role) => role.trim())
          .filter(Boolean)
      : value,
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

  @Env('DRILL_TIME_COMPRESSION', {
    description:
      'Drill time, for rehearsals and `npm run demo` only: divides check-in intervals and grace, escalation acknowledge windows and triage SLAs by this factor (600 makes an hour six seconds; stay limits are not compressed). Refused in production.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  @Validate(DrillTimeOutsideProduction)
  drillTimeCompression = 1;

  @Env('API_PROCESSES', {
    description:
      'How many `api` processes the launcher (`npm start`, the image) runs behind the one port (Node cluster); worker and scheduler roles stay single. Read by scripts/launch.mjs.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  apiProcesses = 1;

  @Env('API_HEAP_MB', {
    description: 'V8 heap limit (`--max-old-space-size`, MB) the launcher gives a process without the `worker` role. Read by scripts/launch.mjs.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(64)
  @Max(65_536)
  apiHeapMb = 192;

  @Env('WORKER_HEAP_MB', {
    description:
      'V8 heap limit (MB) the launcher gives a process with the `worker` role (a large activation fan-out needs the headroom). Read by scripts/launch.mjs.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(64)
  @Max(65_536)
  workerHeapMb = 768;

  hasRole(role: ProcessRole): boolean {
    return this.roles.includes(role);
  }
}
