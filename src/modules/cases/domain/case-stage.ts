/**
 * The plain (queryable) classification of a case, spec 3.1–3.3. String values equal the names so
 * they read the same in the database, the API and the audit log.
 */

/** Where the household is on its way out; moves only through the stage machine (stage-machine.ts). */
export enum CaseStage {
  INTAKE = 'INTAKE',
  VERIFICATION = 'VERIFICATION',
  TRIAGED = 'TRIAGED',
  RELOCATION_PLANNED = 'RELOCATION_PLANNED',
  IN_TRANSIT = 'IN_TRANSIT',
  IN_SAFE_COUNTRY = 'IN_SAFE_COUNTRY',
  RESETTLEMENT_IN_PROGRESS = 'RESETTLEMENT_IN_PROGRESS',
  DEPARTED = 'DEPARTED',
  RESETTLED = 'RESETTLED',
  CLOSED = 'CLOSED',
}

/** How fast the household must move: EMERGENCY within days, URGENT within weeks. */
export enum CasePriority {
  EMERGENCY = 'EMERGENCY',
  URGENT = 'URGENT',
  NORMAL = 'NORMAL',
}

/** Conditions beside the stage; they do not move it. */
export enum CaseFlag {
  ON_HOLD = 'ON_HOLD',
  LOST_CONTACT = 'LOST_CONTACT',
  DETAINED = 'DETAINED',
  IN_HIDING = 'IN_HIDING',
}

/** Why a case was closed; required to close (spec 3.2). */
export enum ClosureReason {
  RESETTLED_AND_HANDED_OVER = 'RESETTLED_AND_HANDED_OVER',
  WITHDRAWN = 'WITHDRAWN',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  DUPLICATE = 'DUPLICATE',
  NO_LONGER_AT_RISK = 'NO_LONGER_AT_RISK',
  LOST_CONTACT = 'LOST_CONTACT',
  DECEASED = 'DECEASED',
}
