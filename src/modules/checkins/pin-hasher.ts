import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AuthConfig } from '@config/auth.config';

export const PIN_PATTERN = /^[0-9]{4,8}$/;

/** argon2id for check-in PINs, with the staff password costs from configuration. */
@Injectable()
export class PinHasher {
  private dummy: Promise<string> | undefined;

  constructor(@Inject(AuthConfig) private readonly config: AuthConfig) {}

  hash(pin: string): Promise<string> {
    return argon2.hash(pin, {
      type: argon2.argon2id,
      memoryCost: this.config.passwordHashMemoryKib,
      timeCost: this.config.passwordHashTimeCost,
      parallelism: 1,
    });
  }

  /** A missing hash still costs one verification (against a random one), so timing tells nothing. */
  async verify(hash: string | null, pin: string): Promise<boolean> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    const target = hash ?? (await this.dummy);
    try {
      return (await argon2.verify(target, pin)) && hash !== null;
    } catch {
      return false;
    }
  }
}
