import { ApiProperty } from '@nestjs/swagger';
import { CaseStage } from '../domain/case-stage';
import { GUARD_CODES } from '../domain/stage-machine';

/** A stage guard a move still fails: stable code, the rule in words, and why it fails here. */
export class UnmetGuardView {
  @ApiProperty({ enum: GUARD_CODES, example: 'verification-required' }) guard!: string;
  @ApiProperty({ example: 'a verification outcome must be recorded, by staff or by a trusted partner' }) description!: string;
  @ApiProperty({ example: 'Record the verification outcome first.' }) detail!: string;
}

/** A move open from the case's stage (spec 3.2), with every guard it still fails. */
export class TransitionOptionView {
  @ApiProperty({ enum: CaseStage, example: CaseStage.TRIAGED }) to!: string;
  @ApiProperty({ enum: ['advance', 'close', 'reopen'], example: 'advance' }) kind!: string;
  @ApiProperty({ example: false, description: 'Every guard about the case and the actor holds (request fields in `requires` still needed).' })
  allowed!: boolean;
  @ApiProperty({ type: [UnmetGuardView] }) unmet!: UnmetGuardView[];
  @ApiProperty({ enum: ['closureReason', 'reopenReason'], isArray: true, example: [], description: 'Fields the transition request must carry.' })
  requires!: string[];
}
