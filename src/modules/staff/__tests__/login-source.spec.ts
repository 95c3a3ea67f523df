import { loginSource } from '../login-source';

describe('loginSource', () => {
  it('keys IPv4 by address, IPv6 by its /64, mapped IPv6 as IPv4', () => {
    expect(loginSource('203.0.113.7')).toBe('203.0.113.7');
    expect(loginSource('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(loginSource('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(loginSource('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe(loginSource('2001:db8:1:2::9'));
    expect(loginSource('2001:db8:1:3::1')).not.toBe(loginSource('2001:db8:1:2::1'));
  });
});
