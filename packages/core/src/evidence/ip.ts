/** IPv4 as an unsigned 32-bit number, or null when the text is not a dotted quad. */
export function ipv4ToInt(s: string): number | null {
  const v = ipv4ToIntAt(s, 0, s.length);
  return v < 0 ? null : v;
}

/** `ipv4ToInt` of `s.slice(start, end)` without the slice; -1 when it is not a dotted quad. */
export function ipv4ToIntAt(s: string, start: number, end: number): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return n * 256 + part;
}

/** IPv6 as a BigInt, or null. Accepts '::' compression and an embedded dotted quad. */
export function ipv6ToBigInt(s: string): bigint | null {
  if (!s.includes(':')) return null;
  const zone = s.indexOf('%');
  const text = zone >= 0 ? s.slice(0, zone) : s;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = ipv4ToInt(p);
        if (v4 === null) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const tail = halves.length === 2 ? parse(halves[1] as string) : [];
  if (head === null || tail === null) return null;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

export const isIpv4 = (s: string): boolean => ipv4ToInt(s) !== null;
export const isIpv6 = (s: string): boolean => ipv6ToBigInt(s) !== null;
export const isIp = (s: string): boolean => isIpv4(s) || isIpv6(s);

/** Canonical text: IPv4 unchanged, IPv6 lower-case RFC 5952 form. Returns the input when it is not an address. */
export function canonicalIp(s: string): string {
  if (ipv4ToInt(s) !== null) return s;
  const v = ipv6ToBigInt(s);
  if (v === null) return s;
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export interface Cidr {
  readonly text: string;
  readonly version: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addr = slash >= 0 ? text.slice(0, slash) : text;
  const v4 = ipv4ToInt(addr);
  const version: 4 | 6 = v4 !== null ? 4 : 6;
  const value = v4 !== null ? BigInt(v4) : ipv6ToBigInt(addr);
  if (value === null) return null;
  const bits = version === 4 ? 32 : 128;
  const prefix = slash >= 0 ? Number(text.slice(slash + 1)) : bits;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  const shift = BigInt(bits - prefix);
  return { text, version, base: (value >> shift) << shift, prefix };
}

export function cidrContains(c: Cidr, ip: string): boolean {
  const bits = c.version === 4 ? 32 : 128;
  const shift = BigInt(bits - c.prefix);
  if (c.version === 4) {
    const v = ipv4ToInt(ip);
    if (v === null) return false;
    if (c.prefix === 0) return true;
    // Number arithmetic keeps the hot path (flow classification) off BigInt.
    const size = 2 ** (32 - c.prefix);
    return Math.floor(v / size) * size === Number(c.base);
  }
  const v = ipv6ToBigInt(ip);
  return v !== null && (v >> shift) << shift === c.base;
}

const internal4: readonly [number, number][] = (
  [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['0.0.0.0', 8],
    ['224.0.0.0', 4],
    ['255.255.255.255', 32],
  ] as const
).map(([a, p]) => [ipv4ToInt(a) as number, 2 ** (32 - p)]);

/**
 * Internal = RFC 1918, loopback, link-local, multicast/broadcast, unspecified, and IPv6 ULA/link-local/multicast/loopback.
 * Everything else, including carrier-grade NAT (100.64/10, typical of cellular modems), counts as external.
 */
export function isInternalIp(ip: string): boolean {
  const v4 = ipv4ToInt(ip);
  if (v4 !== null) {
    for (const [base, size] of internal4) if (Math.floor(v4 / size) * size === base) return true;
    return false;
  }
  const v6 = ipv6ToBigInt(ip);
  if (v6 === null) return true;
  if (v6 === 0n || v6 === 1n) return true;
  const top16 = Number(v6 >> 112n);
  if ((top16 & 0xfe00) === 0xfc00) return true; // fc00::/7 ULA
  if ((top16 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((top16 & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (v6 >> 32n === 0xffffn) return isInternalIp(canonicalIp(ip).replace(/^::ffff:/, ''));
  return false;
}

/** Carrier-grade NAT space (RFC 6598), the usual WAN address of a cellular modem. */
export function isCgnatIp(ip: string): boolean {
  const v = ipv4ToInt(ip);
  return v !== null && Math.floor(v / 2 ** 22) * 2 ** 22 === (ipv4ToInt('100.64.0.0') as number);
}

export function normaliseMac(s: string): string | null {
  const hex = s.replace(/[^0-9a-fA-F]/g, '');
  if (hex.length !== 12 || !/^[0-9a-fA-F:.-]+$/.test(s)) return null;
  return hex.toLowerCase().replace(/(..)(?!$)/g, '$1:');
}

/** False for addresses no single device owns: unspecified, multicast and limited broadcast. */
export function isHostAddress(ip: string): boolean {
  const v4 = ipv4ToInt(ip);
  if (v4 !== null) return v4 !== 0 && v4 < 0xe0000000;
  const v6 = ipv6ToBigInt(ip);
  return v6 !== null && v6 !== 0n && v6 >> 120n !== 0xffn;
}
