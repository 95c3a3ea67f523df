import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { BlindIndexer } from '@infra/crypto/blind-indexer';
import { CasesRepository } from './cases.repository';
import type { ContactDetails, PersonDetails } from './case-content';
import {
  blindIndexPurpose,
  isPossibleDuplicate,
  matchingKeys,
  matchStrength,
  nameKeys,
  PHONE_DEFAULT_COUNTRIES,
  type MatchingKeyLike,
  type PhoneDefaultCountry,
} from './identity';

/** 128 bits: digests are compared for equality across the whole database. */
const DIGEST_BYTES = 16;

export interface DuplicateCheck {
  possibleDuplicate: boolean;
  candidates: Array<{ caseId: string; reference: string; reasons: string[] }>;
}

/**
 * Duplicate detection without plaintext: a person's normalized name, phone and birth-date keys
 * are stored only as keyed HMACs (blind indexes), and new intakes are compared digest to digest.
 */
@Injectable()
export class CaseMatchingService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly indexer: BlindIndexer,
    private readonly clock: Clock,
  ) {}

  digests(person: PersonDetails, contact: ContactDetails | undefined, originCountry: string): MatchingKeyLike[] {
    const fullName = [person.givenName, person.patronymic, person.familyName].filter(Boolean).join(' ');
    const keys = matchingKeys(
      {
        names: [fullName, ...(person.aliases ?? [])],
        phones: (contact?.channels ?? []).filter((channel) => channel.type !== 'EMAIL').map((channel) => channel.value),
        phoneCountry: PHONE_DEFAULT_COUNTRIES.includes(originCountry as PhoneDefaultCountry) ? (originCountry as PhoneDefaultCountry) : undefined,
        birthDate: person.dateOfBirth ?? null,
      },
      this.clock.now(),
    );
    // One purpose (so one derived key) per kind: digests of different kinds never collide.
    return keys.map((key) => ({ kind: key.kind, value: this.indexer.compute(blindIndexPurpose(key.kind), key.value, DIGEST_BYTES) }));
  }

  /**
   * The `name` blind indexes of a searched name: the same keys intake stores for every name and
   * alias (so every script and spelling the normalizer folds together finds the others). Empty
   * when the term holds fewer than two usable name words. The term itself goes no further.
   */
  nameSearchDigests(term: string): string[] {
    return nameKeys(term)
      .filter((key) => key.kind === 'name')
      .map((key) => this.indexer.compute(blindIndexPurpose(key.kind), key.value, DIGEST_BYTES));
  }

  /** Stores the case's digests and flags other live cases that may be the same person. */
  async record(tx: EntityManager, caseId: string, digests: MatchingKeyLike[]): Promise<DuplicateCheck> {
    const sharing = await this.cases.storeMatchKeysAndFindSharing(tx, caseId, digests);
    const candidates = sharing
      .map((candidate) => ({ ...candidate, strength: matchStrength(digests, candidate.keys) }))
      .filter((candidate) => isPossibleDuplicate(candidate.strength))
      .map(({ caseId, reference, strength }) => ({ caseId, reference, reasons: [...strength.reasons, ...strength.conflicts.map((c) => `conflict:${c}`)] }));
    const flaggedAt = this.clock.now();
    await this.cases.insertDuplicateCandidates(
      tx,
      candidates.map((candidate) => ({
        caseId,
        candidateCaseId: candidate.caseId,
        reasons: candidate.reasons,
        flaggedAt,
        resolvedAt: null,
        decision: null,
        decidedBy: null,
        closedCaseId: null,
      })),
    );
    return { possibleDuplicate: candidates.length > 0, candidates };
  }
}
