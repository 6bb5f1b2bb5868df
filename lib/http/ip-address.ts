/**
 * IP addresses and CIDR ranges as values: parse, print canonically, test membership, group IPv6 by /64. Pure and
 * without dependencies, so the HTTP server in front of Next.js (server/serve.ts) can use it as well as the app.
 */

/** An address as 16 bytes (IPv4 as IPv4-mapped IPv6), or null when the text is not an address. */
export function parseIp(text: string): Uint8Array | null {
  let s = text.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s) return null;
  const v4 = parseIpv4(s);
  if (v4) return mapped(v4);
  return parseIpv6(s);
}

function parseIpv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function mapped(v4: number[]): Uint8Array {
  const b = new Uint8Array(16);
  b[10] = 0xff;
  b[11] = 0xff;
  b.set(v4, 12);
  return b;
}

function parseIpv6(s: string): Uint8Array | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const items = part.split(":");
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (i === items.length - 1 && item.includes(".")) {
        const v4 = parseIpv4(item);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return null;
        out.push(parseInt(item, 16));
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const b = new Uint8Array(16);
  groups.forEach((g, i) => {
    b[i * 2] = g >> 8;
    b[i * 2 + 1] = g & 0xff;
  });
  return b;
}

const isV4Mapped = (b: Uint8Array) => b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

/** The canonical text of an address: dotted IPv4 (also for IPv4-mapped IPv6), else RFC 5952 IPv6. */
export function formatIp(b: Uint8Array): string {
  if (isV4Mapped(b)) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups = Array.from({ length: 8 }, (_, i) => (b[i * 2]! << 8) | b[i * 2 + 1]!);
  // The longest run of two or more zero groups becomes "::" (the first such run on a tie).
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(":");
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/** The canonical text of an address typed any way, or null. */
export function normalizeIp(text: string): string | null {
  const b = parseIp(text);
  return b ? formatIp(b) : null;
}

export interface Cidr {
  bytes: Uint8Array;
  /** Prefix length over the 128-bit form (an IPv4 /24 is 96 + 24). */
  bits: number;
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (`192.0.2.7`, a /32 or /128). Null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [addr, len, ...rest] = text.trim().split("/");
  if (rest.length || !addr) return null;
  const bytes = parseIp(addr);
  if (!bytes) return null;
  const v4 = parseIpv4(addr.trim()) !== null;
  const max = v4 ? 32 : 128;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return null;
  const n = len === undefined ? max : Number(len);
  if (n > max) return null;
  return { bytes, bits: v4 ? 96 + n : n };
}

/** TRUSTED_PROXIES as written: CIDRs separated by commas or spaces. Throws with the bad entries named. */
export function parseCidrList(text: string | undefined): Cidr[] {
  const entries = (text ?? "").split(/[\s,]+/).filter(Boolean);
  const bad = entries.filter((e) => parseCidr(e) === null);
  if (bad.length) throw new Error(`TRUSTED_PROXIES: CIDR として読めません: ${bad.join(", ")}`);
  return entries.map((e) => parseCidr(e)!);
}

export function cidrContains(cidr: Cidr, ip: Uint8Array): boolean {
  const full = Math.floor(cidr.bits / 8);
  for (let i = 0; i < full; i++) if (cidr.bytes[i] !== ip[i]) return false;
  const rem = cidr.bits % 8;
  if (rem === 0) return true;
  const mask = (0xff << (8 - rem)) & 0xff;
  return (cidr.bytes[full]! & mask) === (ip[full]! & mask);
}

/**
 * The key throttling counts a client under: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber
 * gets a whole /64 and can use any address in it).
 */
export function addressGroupOf(address: string): string {
  const b = parseIp(address);
  if (!b) return address.slice(0, 64);
  if (isV4Mapped(b)) return formatIp(b);
  const prefix = new Uint8Array(16);
  prefix.set(b.slice(0, 8));
  return `${formatIp(prefix)}/64`;
}
