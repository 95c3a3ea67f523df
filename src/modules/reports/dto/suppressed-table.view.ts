import { ApiProperty } from '@nestjs/swagger';

export enum Suppression {
  /** Fewer than 5: shown only as "<5". */
  Small = 'SMALL',
  /** Withheld so that a small count cannot be worked out from the totals. */
  Complementary = 'COMPLEMENTARY',
}

export class SuppressedCellView {
  @ApiProperty({ type: 'integer', nullable: true, example: 12, description: 'Null when suppressed.' })
  count!: number | null;

  @ApiProperty({ enum: Suppression, enumName: 'Suppression', nullable: true, example: null, description: 'Why `count` is withheld; null when it is shown.' })
  suppressed!: Suppression | null;
}

export class SuppressedRowView {
  @ApiProperty({ example: 'VERIFICATION', description: 'The row key: a stage, priority, ISO country or the Monday of the intake week.' })
  key!: string;

  @ApiProperty({ type: [SuppressedCellView], description: 'One cell per column, in `columns` order.' })
  cells!: SuppressedCellView[];

  @ApiProperty({ type: SuppressedCellView })
  total!: SuppressedCellView;
}

export class SuppressedTableView {
  @ApiProperty({ type: 'integer', example: 5, description: 'Counts below this are never shown.' })
  threshold!: number;

  @ApiProperty({ type: [String], example: ['EMERGENCY', 'URGENT', 'NORMAL'], description: 'The column keys, in order.' })
  columns!: string[];

  @ApiProperty({ type: [SuppressedRowView] })
  rows!: SuppressedRowView[];

  @ApiProperty({ type: SuppressedRowView, description: 'Column totals; `key` is `TOTAL`, `total` the grand total.' })
  totals!: SuppressedRowView;
}
