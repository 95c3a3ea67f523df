import { Injectable } from '@nestjs/common';
import { CredentialEpoch } from '@common/access/credential-epoch';

/**
 * Until lockdown keeps the epoch in system state, it never moves: every key is issued in, and
 * checked against, epoch 0.
 */
@Injectable()
export class ZeroCredentialEpoch extends CredentialEpoch {
  current(): Promise<number> {
    return Promise.resolve(0);
  }
}
