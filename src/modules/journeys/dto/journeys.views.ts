import { ApiProperty } from '@nestjs/swagger';
import type {
  JourneyView as JourneyViewShape,
  RelocationPlanView as RelocationPlanViewShape,
  MovementLegView as MovementLegViewShape,
  StayView as StayViewShape,
} from '../journey-view';

type RelocationPlanEstimatedCostShape = NonNullable<NonNullable<NonNullable<NonNullable<JourneyViewShape>['relocationPlans']>[number]>['estimatedCost']>;
type StayAccommodationShape = NonNullable<NonNullable<NonNullable<NonNullable<JourneyViewShape>['stays']>[number]>['accommodation']>;

export class StayAccommodationView implements StayAccommodationShape {
  @ApiProperty({ enum: ['SAFE_HOUSE', 'PARTNER_SHELTER', 'RENTED', 'OTHER'], example: 'SAFE_HOUSE', nullable: true }) type!: StayAccommodationShape['type'];
  @ApiProperty({ type: String, example: 'Tbilisi', nullable: true }) location!: StayAccommodationShape['location'];
}

export class StayView implements StayViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: StayViewShape['id'];
  @ApiProperty({ type: String, example: 'GE' }) hostCountry!: StayViewShape['hostCountry'];
  @ApiProperty({ type: String, example: '2026-03-12' }) entryDate!: StayViewShape['entryDate'];
  @ApiProperty({
    type: 'integer',
    example: 14,
    nullable: true,
    description: 'From the stay-rule table at arrival; null when no rule exists for the nationality and host.',
  })
  allowedDays!: StayViewShape['allowedDays'];
  @ApiProperty({ type: String, example: 'RULE', nullable: true }) stayRuleSource!: StayViewShape['stayRuleSource'];
  @ApiProperty({ type: String, example: '2026-06-10', nullable: true }) lastAllowedDay!: StayViewShape['lastAllowedDay'];
  @ApiProperty({ type: 'integer', example: 14, nullable: true, description: 'Derived from the Clock on every read.' })
  daysRemaining!: StayViewShape['daysRemaining'];
  @ApiProperty({ type: String, example: '2026-04-20', nullable: true }) exitDate!: StayViewShape['exitDate'];
  @ApiProperty({ type: () => StayAccommodationView, nullable: true }) accommodation!: StayAccommodationView | null;
}

export class MovementLegView implements MovementLegViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: MovementLegViewShape['id'];
  @ApiProperty({ type: String, example: 'GE' }) fromCountry!: MovementLegViewShape['fromCountry'];
  @ApiProperty({ type: String, example: 'GE' }) toCountry!: MovementLegViewShape['toCountry'];
  @ApiProperty({ enum: ['AIR', 'LAND', 'SEA'], example: 'AIR' }) mode!: MovementLegViewShape['mode'];
  @ApiProperty({ enum: ['PLANNED', 'UNDERWAY', 'COMPLETED', 'ABORTED'], example: 'PLANNED' }) status!: MovementLegViewShape['status'];
  @ApiProperty({ type: String, example: '2026-03-10', nullable: true }) plannedDepartureDate!: MovementLegViewShape['plannedDepartureDate'];
  @ApiProperty({ type: String, example: '2026-03-12', nullable: true }) plannedArrivalDate!: MovementLegViewShape['plannedArrivalDate'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) departedAt!: MovementLegViewShape['departedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) arrivedAt!: MovementLegViewShape['arrivedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) abortedAt!: MovementLegViewShape['abortedAt'];
}

export class RelocationPlanEstimatedCostView implements RelocationPlanEstimatedCostShape {
  @ApiProperty({ type: 'integer', example: 3 }) amountMinor!: RelocationPlanEstimatedCostShape['amountMinor'];
  @ApiProperty({ type: String, example: 'EUR' }) currency!: RelocationPlanEstimatedCostShape['currency'];
}

export class RelocationPlanView implements RelocationPlanViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: RelocationPlanViewShape['id'];
  @ApiProperty({ enum: ['REQUESTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'], example: 'REQUESTED' }) status!: RelocationPlanViewShape['status'];
  @ApiProperty({ type: String, example: 'GE' }) originCountry!: RelocationPlanViewShape['originCountry'];
  @ApiProperty({ type: String, example: 'GE' }) transitCountry!: RelocationPlanViewShape['transitCountry'];
  @ApiProperty({ type: String, example: 'GE' }) destinationCountry!: RelocationPlanViewShape['destinationCountry'];
  @ApiProperty({ type: String, example: '2026-03-10', nullable: true }) plannedDepartureDate!: RelocationPlanViewShape['plannedDepartureDate'];
  @ApiProperty({ type: () => RelocationPlanEstimatedCostView, nullable: true }) estimatedCost!: RelocationPlanEstimatedCostView | null;
  @ApiProperty({ type: String, example: 'Reached by Signal; safe', nullable: true, description: 'Null when there are none, or the caller may not see notes.' })
  notes!: RelocationPlanViewShape['notes'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) requestedBy!: RelocationPlanViewShape['requestedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) requestedAt!: RelocationPlanViewShape['requestedAt'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) decidedBy!: RelocationPlanViewShape['decidedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) decidedAt!: RelocationPlanViewShape['decidedAt'];
}

export class JourneyView implements JourneyViewShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: JourneyViewShape['reference'];
  @ApiProperty({ type: [RelocationPlanView] }) relocationPlans!: RelocationPlanView[];
  @ApiProperty({ type: [MovementLegView] }) legs!: MovementLegView[];
  @ApiProperty({ type: [StayView] }) stays!: StayView[];
  @ApiProperty({ type: () => StayView, nullable: true }) currentStay!: StayView | null;
}
