import { nextCode } from './totp';

/**
 * The test's own HTTP calls to the service (arranging data the way an admin or a partner would),
 * separate from what the browser does.
 */
export class ServiceApi {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Enrols with a one-time token and returns the authenticator secret. */
  async enrol(token: string, password: string): Promise<string> {
    const { secret } = await this.call<{ secret: string }>('POST', '/api/v1/auth/enrolment', { token, password });
    await this.call('POST', '/api/v1/auth/enrolment/confirm', { token, code: await nextCode(secret) });
    return secret;
  }

  async login(account: Account): Promise<string> {
    const { accessToken } = await this.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      email: account.email,
      password: account.password,
      code: await nextCode(account.secret),
    });
    return accessToken;
  }

  /** An invitation from the admin: the enrolment token the link carries. */
  async invite(adminToken: string, email: string, roles: string[]): Promise<string> {
    const { enrolmentToken } = await this.call<{ enrolmentToken: string }>('POST', '/api/v1/admin/staff', { email, roles }, adminToken);
    return enrolmentToken;
  }

  /** A staff account ready to sign in (invited and enrolled through the API). */
  async staffAccount(adminToken: string, email: string, roles: string[]): Promise<Account> {
    const password = 'correct horse battery staple 42';
    const secret = await this.enrol(await this.invite(adminToken, email, roles), password);
    return { email, password, secret };
  }
}

export interface Account {
  email: string;
  password: string;
  secret: string;
}

/** A fictional person's intake (every value invented). */
export function fictionalIntake(givenName: string, familyName: string) {
  return {
    person: { givenName, familyName, dateOfBirth: '1996-05-02' },
    // A number of each person's own, so that fictional people are not each other's duplicates.
    contact: {
      channels: [{ type: 'SIGNAL', value: `+995 555 ${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}` }],
      safeContactInstructions: 'Evenings only; ask for Nika',
    },
    originCountry: 'AZ',
    currentCountry: 'GE',
    narrative: 'Fictional narrative for the console tests',
    consent: { services: true, sharing: false, resettlement: true, method: 'IN_PERSON', obtainedAt: '2026-11-30T10:00:00.000Z' },
    priority: 'URGENT',
  };
}
