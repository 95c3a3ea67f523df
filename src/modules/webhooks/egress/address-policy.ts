import ipaddr from 'ipaddr.js';

/** Cloud metadata services, named explicitly although their ranges are refused anyway. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

/**
 * Whether Corridor may connect to this address without an allowlist entry: only globally routable
 * unicast. Everything else is refused — private (RFC 1918), loopback, link-local (and the metadata
 * services on it), CGNAT, unique-local, multicast, unspecified, reserved and documentation ranges.
 *
 * IPv6 that carries an IPv4 address is judged by what it carries, never by the outer form:
 * - IPv4-compatible `::/96` (`::127.0.0.1`, written `::7f00:1` once parsed) is deprecated
 *   (RFC 4291 §2.5.5.1) and refused outright, whatever it carries;
 * - IPv4-mapped `::ffff:0:0/96` is judged as the IPv4 address it maps;
 * - forms whose target cannot be judged by the outer address — IPv4-translated `::ffff:0:0:0/96`,
 *   NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`, 6to4 `2002::/16`, Teredo `2001::/32` — are refused;
 * - an ISATAP interface identifier (`…:0:5efe:a.b.c.d`, `…:200:5efe:a.b.c.d`) in an otherwise
 *   public prefix is refused when the IPv4 address it carries is not public.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return isPublicIpv4(parsed as ipaddr.IPv4);
  const ipv6 = parsed as ipaddr.IPv6;
  const [, , , , w4 = 0, w5 = 0, w6 = 0, w7 = 0] = ipv6.parts;
  const words = ipv6.parts;
  // ::/96 — the unspecified address, loopback and every IPv4-compatible address.
  if (words.slice(0, 6).every((word) => word === 0)) return false;
  if (ipv6.isIPv4MappedAddress()) return isPublicIpv4(ipv6.toIPv4Address());
  if (METADATA_ADDRESSES.has(ipv6.toNormalizedString()) || METADATA_ADDRESSES.has(ipv6.toString())) return false;
  if (ipv6.range() !== 'unicast') return false;
  const isatap = (w4 === 0 || w4 === 0x200) && w5 === 0x5efe;
  if (isatap && !isPublicIpv4(ipv4Of(w6, w7))) return false;
  return true;
}

function isPublicIpv4(address: ipaddr.IPv4): boolean {
  return !METADATA_ADDRESSES.has(address.toString()) && address.range() === 'unicast';
}

function ipv4Of(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** `[::1]` → `::1`; names lower-cased without a trailing dot. */
export function normalizeHost(hostname: string): string {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase().replace(/\.$/, '');
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host);
}
