import { Global, Module, type DynamicModule } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { CorridorLogger } from './corridor-logger';
import { redactPersonal } from './redact';

export const PINO = Symbol('PINO');

/** Keys that never reach a log line, whatever object they are nested in. */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers',
  '*.headers',
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'body',
  '*.body',
];

export function createPino(level: string, destination?: DestinationStream): Pino {
  return pino(
    {
      level,
      base: { service: 'corridor' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      formatters: { log: (object) => redactPersonal(object) as Record<string, unknown> },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

@Global()
@Module({})
export class LoggerModule {
  /** The process creates its logger before Nest starts (see app/create-app) and shares it here. */
  static forLogger(logger: CorridorLogger): DynamicModule {
    return {
      module: LoggerModule,
      providers: [
        { provide: CorridorLogger, useValue: logger },
        { provide: PINO, useValue: logger.pino },
      ],
      exports: [PINO, CorridorLogger],
    };
  }
}
