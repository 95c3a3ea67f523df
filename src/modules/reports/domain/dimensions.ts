import { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';

/** What a case count can be grouped by: plain case columns only. */
export enum ReportDimension {
  Stage = 'stage',
  Priority = 'priority',
  OriginCountry = 'originCountry',
  CurrentCountry = 'currentCountry',
  Activation = 'activation',
  IntakeWeek = 'intakeWeek',
}

/** Dimensions with a fixed, small set of values: the columns of an exported table. */
export const COLUMN_DIMENSIONS = [ReportDimension.Stage, ReportDimension.Priority] as const;
export type ColumnDimension = (typeof COLUMN_DIMENSIONS)[number];

export const COLUMN_VALUES: Record<ColumnDimension, string[]> = {
  [ReportDimension.Stage]: Object.values(CaseStage),
  [ReportDimension.Priority]: Object.values(CasePriority),
};

/**
 * HXL hashtags (Humanitarian Exchange Language, hxlstandard.org) of each dimension when it labels
 * the rows of an export. Core tags: #status, #severity, #country (+code: ISO 3166-1 alpha-2),
 * #activity, #date (+start: the first day of the ISO week).
 */
export const ROW_HXL: Record<ReportDimension, string> = {
  [ReportDimension.Stage]: '#status+stage',
  [ReportDimension.Priority]: '#severity',
  [ReportDimension.OriginCountry]: '#country+code+origin',
  [ReportDimension.CurrentCountry]: '#country+code+current',
  [ReportDimension.Activation]: '#activity+id',
  [ReportDimension.IntakeWeek]: '#date+start',
};

export const ROW_TITLE: Record<ReportDimension, string> = {
  [ReportDimension.Stage]: 'Stage',
  [ReportDimension.Priority]: 'Priority',
  [ReportDimension.OriginCountry]: 'Origin country',
  [ReportDimension.CurrentCountry]: 'Current country',
  [ReportDimension.Activation]: 'Activation',
  [ReportDimension.IntakeWeek]: 'Week of intake',
};

/**
 * Count columns are `#affected+hh` (a case is one household) with the column value as a
 * lowercase attribute (`+emergency`, `+in_transit`) and `+total` for the totals.
 */
export const countHxl = (value: string): string => `#affected+hh+${value.toLowerCase()}`;
export const TOTAL_HXL = '#affected+hh+total';
