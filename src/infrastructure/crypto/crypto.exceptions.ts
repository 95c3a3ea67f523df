import { DomainException, FailureKind } from '@common/errors/domain.exception';
import type { EnvelopeFailure } from './envelope';

/**
 * A protected value failed to decrypt: tampered, moved to another row or field, truncated, or
 * encrypted under another data key. Never the caller's fault, so no client-side kind fits; it
 * is answered as "unavailable". The message names neither the value nor its ciphertext.
 */
export class ProtectedFieldUnreadableException extends DomainException {
  constructor(
    /** Where the value was read from (schema names, not data), for diagnostics. */
    readonly table: string,
    readonly field: string,
    readonly reason: EnvelopeFailure | 'wrong-type',
  ) {
    super('protected-field-unreadable', FailureKind.Unavailable, 'A protected value could not be read.');
  }
}

/** The owner has no data key: it was erased (crypto-shredded) or never created. */
export class DataKeyShreddedException extends DomainException {
  constructor(readonly ownerType: string) {
    super('data-key-shredded', FailureKind.NotFound, 'This record has been erased.');
  }
}

export class DataKeyExistsException extends DomainException {
  constructor() {
    super('data-key-exists', FailureKind.Conflict, 'This record already has a data key.');
  }
}

/**
 * A data key is wrapped under a master key id this process is not configured with (removed too
 * early, or a rotation is half deployed). Key ids are not secret.
 */
export class MasterKeyUnavailableException extends DomainException {
  constructor(readonly kekIds: string[]) {
    super('master-key-unavailable', FailureKind.Unavailable, 'A master key this record needs is not configured.');
  }
}

/** A wrapped data key failed authentication under its master key: tampered, or the key id names other material. */
export class DataKeyUnreadableException extends DomainException {
  constructor(readonly kekId: string) {
    super('data-key-unreadable', FailureKind.Unavailable, 'A data key could not be unwrapped.');
  }
}
