import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './keyset';

/** `?cursor=…&limit=…` for keyset-paginated listings; the server caps the page size. */
export class PageQueryDto {
  @ApiPropertyOptional({
    description: "From the previous page's `nextCursor`.",
    example: 'MTc3MjM1MjAwMDAwMC4zZDZmMmE5ZS04YjFjLTRlN2EtYTVkMi05YzBiMWUyZjNhNGI',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;
}

/**
 * Documents a page's `nextCursor` (an opaque keyset cursor; the example is what `encodeCursor`
 * really produces), so every paginated answer shows a client how to ask for the next page.
 */
export const ApiNextCursorProperty = (): PropertyDecorator =>
  ApiProperty({
    type: String,
    nullable: true,
    example: 'MTc3MjM1MjAwMDAwMC4zZDZmMmE5ZS04YjFjLTRlN2EtYTVkMi05YzBiMWUyZjNhNGI',
    description: 'Pass as `cursor` for the next page; null on the last page',
  });
