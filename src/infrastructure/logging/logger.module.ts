import { Global, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { ProcessConfig } from '@config/process.config';
import { loggablePath, redactPersonal } from './redact';


@Global()
@Module({})
export class LoggerModule {
  static forRoot(destination?: DestinationStream) {
    return PinoLoggerModule.forRootAsync({
      inject: [ProcessConfig],
      useFactory: (config: ProcessConfig) => ({
        pinoHttp: [
          {
            level: config.logLevel,
            // The request id is fastify's (see http-app.ts), copied onto the raw request.
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
            customProps: () => ({ service: 'corridor' }),
            serializers: {
              req: (req: IncomingMessage & { id?: string; method?: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
              res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
            },
            redact: { paths: ['req.headers', 'res.headers', '*.authorization', '*.password', '*.token', '*.secret'], censor: '[REDACTED]' },
            formatters: { log: (object: Record<string, unknown>) => redactPersonal(object) as Record<string, unknown> },
            quietReqLogger: true,
          },
          destination ?? process.stdout,
        ],
      }),
    });
  }
}
