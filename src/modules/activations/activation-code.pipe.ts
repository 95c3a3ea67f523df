import type { PipeTransform } from '@nestjs/common';
import { ACTIVATION_CODE } from '@modules/cases/dto/case-content.dto';
import { ActivationNotFoundException } from './activations.exception';

/** A path code that cannot be one answers like an unknown activation (404). */
export class ActivationCodeParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ACTIVATION_CODE.test(value)) throw new ActivationNotFoundException();
    return value;
  }
}
