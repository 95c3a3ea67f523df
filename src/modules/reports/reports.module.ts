import { Module } from '@nestjs/common';
import { PartnerReportsController, ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Aggregate reports over plain case columns: exact for coordinators, suppressed in the CSV export and for partners. */
@Module({ controllers: [ReportsController, PartnerReportsController], providers: [ReportsService, ReportsRepository] })
export class ReportsModule {}
