import ipaddr from 'ipaddr.js';

/** Cloud metadata services, named explicitly although their ranges are refused anyway. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

/**
 * Whether Corridor may connect to this address without an allowlist entry: only globally routable
 * unicast. Everything else is refused — private (RFC 1918), loopback, link-local (and the metadata
 * services on it), CGNAT, unique-local, multicast, unspecified, reserved and documentation ranges,
 * and IPv6 forms that embed an IPv4 address (6to4, NAT64, Teredo), whose target cannot be judged
 * by the outer address. IPv4-mapped IPv6 is judged as the IPv4 address it maps.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString())) return false;
  return parsed.range() === 'unicast';
}

/** `[::1]` → `::1`; names lower-cased without a trailing dot. */
export function normalizeHost(hostname: string): string {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase().replace(/\.$/, '');
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host);
}
