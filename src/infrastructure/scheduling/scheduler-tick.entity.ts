import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last period each scheduled tick ran for, so N schedulers run it once per period. */
@Entity({ name: 'scheduler_ticks' })
export class SchedulerTickEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'last_period', type: 'bigint' })
  lastPeriod!: string;

  @Column({ name: 'ran_at', type: 'timestamptz' })
  ranAt!: Date;
}
