import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TickRunner } from './tick-runner';
import { TickScheduler } from './tick-scheduler';

@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [TickRunner, TickScheduler],
  exports: [TickRunner, TickScheduler],
})
export class SchedulingModule {}
