import type { DemoCase, HostCountry } from './context';
import type { DemoPerson } from './people';

/** Threats that triage scores EMERGENCY on their own. */
const ACUTE = new Set(['DETAINED_OR_RECENTLY_RELEASED', 'POLICE_SUMMONS_OR_SEARCH', 'NAMED_BY_DETAINEE']);

/** Decided by index, not chance, so even a dozen people play every part of the story. */
export function castPeople(people: DemoPerson[]): DemoCase[] {
  const hostOf = (i: number, moved: number): HostCountry | null => (i % 10 < 7 ? (moved % 5 < 3 ? 'GE' : 'TR') : null);
  // The accepted application is expedited, which needs an EMERGENCY case: the first Georgia
  // arrival under an acute threat (the first one at all if none is).
  let acceptedIndex = -1;
  for (let i = 0, moved = 0; i < people.length; i += 1) {
    const host = hostOf(i, moved);
    if (host) moved += 1;
    if (host !== 'GE') continue;
    if (acceptedIndex < 0) acceptedIndex = i;
    if (people[i]?.riskFactors.some((f) => ACUTE.has(f))) {
      acceptedIndex = i;
      break;
    }
  }
  let moved = 0;
  let firstTurkey = true;
  return people.map((person, i) => {
    const host = hostOf(i, moved);
    const k = host ? moved++ : -1;
    const underDuress = host === 'TR' && firstTurkey;
    if (underDuress) firstTurkey = false;
    const accepted = i === acceptedIndex;
    return {
      person,
      via: i % 4 === 1 ? 'partner' : 'staff',
      wave: i < Math.max(2, Math.round(people.length * 0.3)) ? 1 : 2,
      reference: null,
      caseworker: null,
      host,
      goesSilent: host !== null && !underDuress && !accepted && k % 12 === 6,
      underDuress,
      usesLink: host !== null && !underDuress && !accepted && (k === 1 || k === 4),
      accepted,
      arrived: false,
      lastTouchMs: 0,
      sharedWith: null,
      referralId: null,
      referredBy: null,
      priority: null,
    };
  });
}
