import { inspect } from 'node:util';
import type { KeyObject } from 'node:crypto';
import { MasterKeyUnavailableException } from './crypto.exceptions';
import { openEnvelope, sealEnvelope } from './envelope';

/** A key-encryption key. The material sits in a KeyObject (native memory), never in a JS string. */
export interface MasterKey {
  readonly id: string;
  readonly key: KeyObject;
}

/**
 * The master keys (KEKs) this process knows: the current one, which wraps every new or re-wrapped
 * data key, and previous ones, which only unwrap until `keys:rotate` has moved their data keys.
 * Prints as its ids only.
 */
export class Keyring {
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly currentId: string;

  constructor(current: MasterKey, previous: readonly MasterKey[] = []) {
    const keys = new Map<string, KeyObject>([[current.id, current.key]]);
    for (const key of previous) {
      if (keys.has(key.id)) throw new Error(`master key id ${key.id} appears twice`);
      keys.set(key.id, key.key);
    }
    this.#keys = keys;
    this.currentId = current.id;
  }

  /** Current first. */
  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  get previousIds(): string[] {
    return this.ids.filter((id) => id !== this.currentId);
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  /** Encrypts under the named master key (the current one for anything new). */
  seal(kekId: string, plaintext: Buffer, aad: Buffer): Buffer {
    return sealEnvelope(this.key(kekId), plaintext, aad);
  }

  /** Throws `EnvelopeError` when the envelope does not authenticate under that key and AAD. */
  open(kekId: string, envelope: Buffer, aad: Buffer): Buffer {
    return openEnvelope(this.key(kekId), envelope, aad);
  }

  /** A keyring without the given ids, e.g. to prove they are no longer needed. */
  without(ids: readonly string[]): Keyring {
    if (ids.includes(this.currentId)) throw new Error('the current master key cannot be removed');
    const previous = this.previousIds.filter((id) => !ids.includes(id)).map((id) => ({ id, key: this.key(id) }));
    return new Keyring({ id: this.currentId, key: this.key(this.currentId) }, previous);
  }

  toJSON(): { currentId: string; ids: string[] } {
    return { currentId: this.currentId, ids: this.ids };
  }

  [inspect.custom](): string {
    return `Keyring(current=${this.currentId}, ids=${this.ids.join(',')})`;
  }

  private key(id: string): KeyObject {
    const key = this.#keys.get(id);
    if (!key) throw new MasterKeyUnavailableException([id]);
    return key;
  }
}
