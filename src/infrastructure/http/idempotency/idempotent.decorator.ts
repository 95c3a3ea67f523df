import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblemResponses } from '../problem.view';
import { IDEMPOTENT_WITHHELD_FIELDS } from './idempotency-metadata';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Makes a mutating route idempotent under the `Idempotency-Key` header (IETF httpapi draft):
 * missing → 400; over 255 characters → 400 `idempotency-key-invalid`; the body and path are validated
 * before the key is claimed (an invalid request claims nothing); first use → runs, and a success is stored (status + body) for
 * IDEMPOTENCY_TTL_HOURS; same key and same request → the stored answer replayed
 * (`idempotent-replayed: true`); same key, other request → 422; while the first still runs → 409.
 * Keys are scoped to the caller (agency or staff member). Use it only on routes whose answer is
 * thin (ids, statuses, timestamps): the answer is stored in plain JSON.
 *
 * `withhold` names top-level answer fields that must never be stored (a secret shown once): the
 * first answer carries them, a replay does not (document them as not required).
 *
 * It documents what it adds to the contract itself — the header and its three refusals — so no
 * idempotent route can publish a contract that forgets them.
 */
export const Idempotent = (options: { withhold?: readonly string[] } = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_WITHHELD_FIELDS, options.withhold ?? []),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'A unique key per logical request (a UUID). Retries with the same key and body replay the first answer for at least 24 hours ' +
        '(with `idempotent-replayed: true`, the same bytes as the first answer). Missing → 400 `idempotency-key-required`; longer than 255 ' +
        'characters or not printable ASCII → 400 `idempotency-key-invalid`; the body is validated first, so an invalid request costs no key. The same key with another request → 422 ' +
        '`idempotency-key-reused`; while the first request still runs → 409 `idempotency-key-in-flight`.',
      schema: { type: 'string', maxLength: 255, example: '5f0c8a52-3c1e-4a8e-9d55-0b6a1b2c3d4e' },
    }),
    ApiProblemResponses(400, 409, 422),
  );
