import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/**
 * Which IP addresses an outbound fetch may connect to (the SSRF guard's policy).
 *
 * Only globally routable unicast is allowed: ipaddr.js classifies the address and every
 * range other than `unicast` is refused — loopback (127/8, ::1), private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), link-local (169.254/16 incl. cloud metadata, fe80::/10), CGNAT
 * (100.64/10), multicast, unspecified (0.0.0.0, ::), broadcast, reserved, and the IPv6
 * ranges that embed an IPv4 address (6to4 2002::/16, Teredo 2001::/32, NAT64 64:ff9b::/96 and the
 * local-use 64:ff9b:1::/48 of RFC 8215, IPv4-translated ::ffff:0:0:0/96), which could smuggle a
 * private one. IPv4-mapped IPv6 (`::ffff:127.0.0.1`, ::ffff:0:0/96) is unwrapped and judged as IPv4.
 * IPv4-compatible IPv6 (`::7f00:1`, ::/96 other than :: and ::1; deprecated by RFC 4291 §2.5.5.1)
 * is refused as `ipv4Compatible`: ipaddr.js calls it unicast, yet it names an IPv4 host.
 *
 * `allow` is the operator's exception list (`KITH_FETCH_ALLOW`, CIDRs, empty by default):
 * an address inside one of them is allowed whatever its range. Tests use it to reach their
 * image servers on loopback.
 */
export interface AddressPolicy {
  /** `undefined` when `ip` may be connected to, else the refused range name (e.g. `loopback`). */
  refusal(ip: string): string | undefined;
}

/**
 * Parses CIDRs (`127.0.0.1/32`, `::1/128`; a bare address means the single host).
 * @throws Error naming the first entry that is not a CIDR.
 */
export function parseCidrList(list: string[]): Cidr[] {
  return list
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      try {
        if (!s.includes('/')) {
          const a = ipaddr.parse(s);
          return [a, a.kind() === 'ipv4' ? 32 : 128] as Cidr;
        }
        return ipaddr.parseCIDR(s) as Cidr;
      } catch {
        throw new Error(`"${s}" is not an IP address or CIDR range (e.g. 127.0.0.1/32)`);
      }
    });
}

/** ::/96, IPv4-compatible IPv6 addresses (RFC 4291 §2.5.5.1); `::` and `::1` in it have their own ranges. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96') as [ipaddr.IPv6, number];

/** Unwraps `::ffff:a.b.c.d` so the IPv4 rules apply to it. */
function normalise(ip: string): Address | undefined {
  if (!ipaddr.isValid(ip)) return undefined;
  const a = ipaddr.parse(ip);
  return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}

/** Builds the policy; `allow` comes from {@link parseCidrList}. */
export function createAddressPolicy(allow: Cidr[] = []): AddressPolicy {
  return {
    refusal(ip) {
      const a = normalise(ip);
      if (!a) return 'invalid';
      for (const [net, bits] of allow) {
        const n = net.kind() === 'ipv6' && (net as ipaddr.IPv6).isIPv4MappedAddress() ? (net as ipaddr.IPv6).toIPv4Address() : net;
        if (n.kind() === a.kind() && a.match(n, bits)) return undefined;
      }
      const range = a.range();
      if (range === 'unicast' && a.kind() === 'ipv6' && a.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
      return range === 'unicast' ? undefined : range;
    },
  };
}
