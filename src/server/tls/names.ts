// The names a tablet may use to reach this server: they all go into the certificate's SANs.
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

export interface ServerNames {
  dns: string[];
  ips: string[];
}

/** IPv6 in one spelling (compressed, lower case), so a SAN read back from a certificate compares equal. */
export function normalizeIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

/** Non-internal IPv4 and global IPv6 addresses of this machine (link-local ones need a zone id). */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && !(a.family === 'IPv6' && /^fe80:/i.test(a.address)))
    .map((a) => normalizeIp(a!.address));
}

/** localhost, the host name, every LAN address, and the configured extra names; sorted, unique. */
export function serverNames(extra: readonly string[] = [], lan = lanAddresses(), host = hostname()): ServerNames {
  const all = ['localhost', host, '127.0.0.1', '::1', ...lan, ...extra].filter(Boolean);
  const dns = new Set<string>();
  const ips = new Set<string>();
  for (const name of all) {
    if (isIP(name)) ips.add(normalizeIp(name));
    else dns.add(name.toLowerCase());
  }
  return { dns: [...dns].sort(), ips: [...ips].sort() };
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
