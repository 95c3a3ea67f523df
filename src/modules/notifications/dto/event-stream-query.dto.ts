import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PersonalData } from '@infra/logging/personal-data.decorator';

export class EventStreamQueryDto {
  @ApiPropertyOptional({
    description: 'A single-use ticket from POST /api/v1/me/events/ticket, for clients that cannot send Authorization (browser EventSource).',
    example: 'cet_Jm3kQ0b5c2Vb0r8xY1u7n4PzW9aLqT6eHdGfRsKjUoI',
  })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ticket?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Resume after this event id (as the Last-Event-ID header does; a new EventSource cannot set that header).',
  })
  @IsOptional()
  @IsUUID('all')
  lastEventId?: string;
}
