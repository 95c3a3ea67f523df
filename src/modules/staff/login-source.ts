import ipaddr from 'ipaddr.js';

/**
 * The "source" a per-account login allowance belongs to: the IPv4 address, or the /64 an IPv6
 * address is in (one subscriber usually holds a whole /64, so counting single IPv6 addresses would
 * give one attacker billions of allowances). IPv4-mapped IPv6 counts as its IPv4 address.
 */
export function loginSource(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const words = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((word) => word.toString(16));
  return `${words.join(':')}::/64`;
}
