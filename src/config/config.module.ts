import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app.config';

/** Provides each config section as its own injectable class. */
@Global()
@Module({})
export class ConfigModule {
  static forConfig(config: AppConfig): DynamicModule {
    const providers = Object.values(config).map((section: object) => ({
      provide: section.constructor,
      useValue: section,
    }));
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
