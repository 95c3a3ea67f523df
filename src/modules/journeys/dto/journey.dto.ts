import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { AccommodationType, MovementMode, PlanDecision } from '../domain/journey-status';

const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const country = (field: string) => ({ message: `${field} must be an ISO 3166-1 alpha-2 code` });
const date = (field: string) => ({ message: `${field} must be a date (YYYY-MM-DD)` });

export class CreateRelocationPlanDto {
  @ApiProperty({ example: 'AZ' }) @Matches(COUNTRY, country('originCountry')) originCountry!: string;
  @ApiProperty({
    example: 'GE',
    description: "Must be on the allowed list: the transit countries of the case's active activation when it names some, else JOURNEY_TRANSIT_COUNTRIES.",
  })
  @Matches(COUNTRY, country('transitCountry'))
  transitCountry!: string;
  @ApiProperty({ example: 'CA' }) @Matches(COUNTRY, country('destinationCountry')) destinationCountry!: string;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @Matches(DATE, date('plannedDepartureDate')) plannedDepartureDate?: string;
  @ApiPropertyOptional({ description: 'Estimated cost in minor units (cents).', example: 45000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  estimatedCostMinor?: number;
  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217; required with a cost.' })
  @IsOptional()
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
  @ApiPropertyOptional({ example: 'Overland by bus to the border, met by the shelter team on the other side.', description: 'Sealed under the case key.' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(8000)
  notes?: string;
}

export class PlanDecisionDto {
  @ApiProperty({ enum: PlanDecision }) @IsEnum(PlanDecision) decision!: PlanDecision;
}

export class CreateMovementLegDto {
  @ApiProperty({ example: 'AZ' }) @Matches(COUNTRY, country('fromCountry')) fromCountry!: string;
  @ApiProperty({ example: 'GE' }) @Matches(COUNTRY, country('toCountry')) toCountry!: string;
  @ApiProperty({ enum: MovementMode }) @IsEnum(MovementMode) mode!: MovementMode;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @Matches(DATE, date('plannedDepartureDate')) plannedDepartureDate?: string;
  @ApiPropertyOptional({ example: '2026-12-02' }) @IsOptional() @Matches(DATE, date('plannedArrivalDate')) plannedArrivalDate?: string;
}

export class LegEventDto {
  @ApiPropertyOptional({ example: '2026-12-02T06:30:00.000Z', format: 'date-time', description: 'When it happened; defaults to now. Never in the future.' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredAt?: string;
}

export class RecordStayDto {
  @ApiProperty({ example: 'GE' }) @Matches(COUNTRY, country('hostCountry')) hostCountry!: string;
  @ApiProperty({ example: '2026-12-02', description: 'Actual entry date; starts the stay clock. Never in the future.' })
  @Matches(DATE, date('entryDate'))
  entryDate!: string;
  @ApiPropertyOptional({ enum: AccommodationType }) @IsOptional() @IsEnum(AccommodationType) accommodationType?: AccommodationType;
  @ApiPropertyOptional({
    example: 'Shelter flat, ask at the front desk',
    description: 'Where the person stays (safe-house address); sealed under the case key.',
  })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  accommodationLocation?: string;
}

export class StayExitDto {
  @ApiProperty({ example: '2027-03-01' }) @Matches(DATE, date('exitDate')) exitDate!: string;
}
