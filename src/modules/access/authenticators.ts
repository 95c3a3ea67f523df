import type { PartnerPrincipal, StaffPrincipal } from '@common/access/principal';

/** Staff access tokens start with this; partner API keys with API_KEY_PREFIX. */
export const STAFF_TOKEN_PREFIX = 'cst_';
export const API_KEY_PREFIX = 'cpk_';

/** Implemented by the staff module: resolves a bearer access token to a live session. */
export abstract class StaffTokenAuthenticator {
  abstract authenticate(token: string): Promise<StaffPrincipal | null>;
  /** Redeems a single-use event-stream ticket (spent by this call) to its live session. */
  abstract authenticateStreamTicket(ticket: string): Promise<StaffPrincipal | null>;
  /** Whether a session may still act (not revoked or expired, current epoch, account active). */
  abstract isSessionLive(sessionId: string): Promise<boolean>;
}

/** Implemented by the partners module: resolves a bearer API key to its agency. */
export abstract class ApiKeyAuthenticator {
  abstract authenticate(key: string): Promise<PartnerPrincipal | null>;
}
