import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AuthConfig } from '@config/auth.config';

/** argon2id, with costs from configuration (tests lower them; production keeps the defaults). */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(@Inject(AuthConfig) private readonly config: AuthConfig) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.config.passwordHashMemoryKib,
      timeCost: this.config.passwordHashTimeCost,
      parallelism: 1,
    });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    // Unknown accounts still cost one verification, so response time does not reveal them.
    this.dummy ??= this.hash('corridor-timing-equaliser');
    const target = hash ?? (await this.dummy);
    try {
      return (await argon2.verify(target, password)) && hash !== null;
    } catch {
      return false;
    }
  }
}
