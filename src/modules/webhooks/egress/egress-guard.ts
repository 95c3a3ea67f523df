import { Injectable } from '@nestjs/common';
import { EgressRefusedException } from '../webhooks.exception';
import { WebhooksRepository } from '../webhooks.repository';
import { isIpLiteral, isPublicAddress, normalizeHost } from './address-policy';
import { HostResolver, type ResolvedAddress } from './host-resolver';

export interface EgressTarget {
  url: URL;
  /** The one address to connect to (the first the resolver gave, after every one was checked). */
  address: ResolvedAddress;
}

/**
 * Decides whether Corridor may call a URL, at registration and again before every delivery:
 * https only; every address the name resolves to must be public. A host on the admin-managed
 * allowlist may use http and any address (test receivers on loopback, gateways on a private
 * network). The caller connects to the returned address only (see EgressClient).
 */
@Injectable()
export class EgressGuard {
  constructor(
    private readonly resolver: HostResolver,
    private readonly repository: WebhooksRepository,
  ) {}

  /** Syntax only (no DNS): what registration refuses before anything else. */
  static parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new EgressRefusedException('invalid-url');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EgressRefusedException('scheme-not-allowed');
    if (url.username || url.password) throw new EgressRefusedException('credentials-in-url');
    return url;
  }

  async check(raw: string): Promise<EgressTarget> {
    const url = EgressGuard.parse(raw);
    const host = normalizeHost(url.hostname);
    const allowlisted = await this.repository.isAllowlisted(host);
    if (url.protocol !== 'https:' && !allowlisted) throw new EgressRefusedException('scheme-not-allowed');
    const addresses: ResolvedAddress[] = isIpLiteral(host) ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : await this.resolve(host);
    const first = addresses[0];
    if (!first) throw new EgressRefusedException('unresolvable');
    // Every answer, not just the one we would use: a name that mixes public and private answers is refused.
    if (!allowlisted && !addresses.every((entry) => isPublicAddress(entry.address))) throw new EgressRefusedException('address-not-allowed');
    return { url, address: first };
  }

  private async resolve(host: string): Promise<ResolvedAddress[]> {
    try {
      return await this.resolver.resolve(host);
    } catch {
      throw new EgressRefusedException('unresolvable');
    }
  }
}
