import type { ConditionOperator, PolicyValue } from './operator.js';

/** An address as 4 (IPv4) or 16 (IPv6) bytes. */
type Bytes = number[];

function parseV4(text: string): Bytes | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out: Bytes = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseV6(text: string): Bytes | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as string;
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseV4(item);
        if (!v4) return null;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) out.push(parseInt(item, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function parseAddress(text: string): Bytes | null {
  return text.includes(':') ? parseV6(text) : parseV4(text);
}

/** Parses `a.b.c.d[/n]` or an IPv6 address with optional `/n`; a missing prefix means a single address. */
export function parseCidr(text: string): { bytes: Bytes; prefix: number } | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  const bytes = parseAddress(slash === -1 ? t : t.slice(0, slash));
  if (!bytes) return null;
  const max = bytes.length * 8;
  if (slash === -1) return { bytes, prefix: max };
  const p = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) return null;
  return { bytes, prefix: Number(p) };
}

function inCidr(address: Bytes, cidr: { bytes: Bytes; prefix: number }): boolean {
  if (address.length !== cidr.bytes.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address[i] as number) & mask) !== ((cidr.bytes[i] as number) & mask)) return false;
  }
  return true;
}

function ipTest(requestValue: string, policyValue: PolicyValue): boolean | null {
  const address = parseAddress(requestValue.trim());
  const cidr = parseCidr(policyValue.text);
  return address === null || cidr === null ? null : inCidr(address, cidr);
}

export const ipAddress: ConditionOperator = {
  name: 'IpAddress',
  negated: false,
  variables: false,
  test: ipTest,
};
export const notIpAddress: ConditionOperator = {
  name: 'NotIpAddress',
  negated: true,
  variables: false,
  test: ipTest,
};
