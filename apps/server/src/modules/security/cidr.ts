import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A parsed network, ready to test addresses against. */
export interface IpRange {
  cidr: string;
  address: Address;
  bits: number;
}

/** An IPv4 address written inside IPv6 (::ffff:a.b.c.d) is the IPv4 address. */
function unmap(address: Address, bits: number): [Address, number] {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [address, bits];
}

/**
 * Parses a network or a single address ("10.0.0.0/8", "2001:db8::/32",
 * "203.0.113.7") into its canonical CIDR: host bits cleared, IPv6 in RFC 5952
 * form, IPv4-mapped IPv6 as IPv4, a single address as /32 or /128. IPv4 only
 * in plain four-part decimal (no "127.1" or hex). Null when it is neither.
 */
export function parseCidr(input: string): IpRange | null {
  const text = input.trim();
  const withBits = text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`;
  if (ipaddr.IPv4.isValidCIDR(withBits)) {
    if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(withBits)) return null;
  } else if (!ipaddr.IPv6.isValidCIDR(withBits) || withBits.includes('%')) {
    return null;
  }
  const [parsed, parsedBits] = ipaddr.parseCIDR(withBits);
  const [address, bits] = unmap(parsed, parsedBits);
  const network = address.kind() === 'ipv4'
    ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`)
    : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
  const shown = network.kind() === 'ipv6' ? (network as ipaddr.IPv6).toRFC5952String() : network.toString();
  return { cidr: `${shown}/${bits}`, address: network, bits };
}

/** The canonical form of a CIDR, or null when it is not one. */
export function normaliseCidr(input: string): string | null {
  return parseCidr(input)?.cidr ?? null;
}

/** A client address (request.ip) as ipaddr sees it, IPv4-mapped IPv6 turned into IPv4; null when unparsable. */
export function parseIp(ip: string): Address | null {
  if (!ipaddr.isValid(ip)) return null;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(address.toString())) return null;
  return address;
}

/** Whether an address lies inside a network (never across IPv4 and IPv6). */
export function rangeContains(range: IpRange, address: Address | null): boolean {
  if (!address || address.kind() !== range.address.kind()) return false;
  return address.match([range.address, range.bits]);
}

/** Whether `ip` lies in any of the CIDRs (unparsable ones match nothing). */
export function ipInAny(ip: string, cidrs: readonly string[]): boolean {
  const address = parseIp(ip);
  return cidrs.some((c) => {
    const range = parseCidr(c);
    return range !== null && rangeContains(range, address);
  });
}
