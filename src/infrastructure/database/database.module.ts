import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { PgListener } from './pg-listener';
import { TransactionRunner } from './transaction';

@Global()
@Module({})
export class DatabaseModule {
  static forOptions(options: DataSourceOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...options, retryAttempts: 2, retryDelay: 500 })],
      providers: [TransactionRunner, PgListener],
      exports: [TransactionRunner, PgListener],
    };
  }
}
