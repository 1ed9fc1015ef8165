// Optional mail-client records, reported as info: SRV service discovery (RFC 6186, RFC 8314) and autoconfig hosts.
import type { Finding } from '../api/dns.ts';
import { describeDnsFailure } from './dns-failure.ts';
import { isNoRecord, type Resolver, type SrvAnswer } from './resolver.ts';

/** RFC 6186 3 (and RFC 8314 5.1 for implicit-TLS submission): the services a mail client looks up. */
export const MAIL_SRV_SERVICES = [
  { id: 'submissions', label: '_submissions._tcp', purpose: 'sending over implicit TLS (port 465)' },
  { id: 'submission', label: '_submission._tcp', purpose: 'sending (port 587)' },
  { id: 'imaps', label: '_imaps._tcp', purpose: 'reading over IMAP with TLS (port 993)' },
  { id: 'imap', label: '_imap._tcp', purpose: 'reading over IMAP (port 143)' },
  { id: 'pop3s', label: '_pop3s._tcp', purpose: 'reading over POP3 with TLS (port 995)' },
] as const;

/** Hosts mail clients probe besides SRV: Thunderbird's autoconfig and Outlook's autodiscover. */
export const AUTOCONFIG_HOSTS = [
  { id: 'autoconfig', label: 'autoconfig', client: 'Thunderbird' },
  { id: 'autodiscover', label: 'autodiscover', client: 'Outlook' },
] as const;

/** Zone stubs may hand SRV back as presentation text ("0 1 587 mail.example.com."): read both shapes. */
function readSrv(answer: unknown): SrvAnswer | null {
  if (typeof answer === 'object' && answer !== null && 'name' in answer && 'port' in answer) return answer as SrvAnswer;
  if (typeof answer !== 'string') return null;
  const [priority, weight, port, name] = answer.trim().split(/\s+/);
  if (name === undefined) return null;
  return { priority: Number(priority), weight: Number(weight), port: Number(port), name: name.replace(/\.$/, '') };
}

/** One `info` finding per SRV service and autoconfig host; never worse than info, whatever happens. */
export async function checkAutodiscovery(domain: string, resolver: Resolver): Promise<Finding[]> {
  const srvFindings = MAIL_SRV_SERVICES.map(async (service): Promise<Finding> => {
    const name = `${service.label}.${domain}`;
    const base = { check: `srv.${service.id}`, status: 'info' as const, expected: `SRV ${name} (optional)` };
    try {
      const records = (await resolver(name, 'SRV'))
        .map(readSrv)
        .filter((record): record is SrvAnswer => record !== null);
      const found = records
        .map((record) => `${record.priority} ${record.weight} ${record.port} ${record.name || '.'}`)
        .join(', ');
      // RFC 6186 3 / RFC 2782: a target of "." says the service is deliberately not offered.
      const offered = records.some((record) => record.name !== '' && record.name !== '.');
      return {
        ...base,
        found,
        why: offered
          ? `Mail clients find the server for ${service.purpose} automatically (RFC 6186 3).`
          : `The record says ${service.purpose} is deliberately not offered (RFC 6186 3).`,
      };
    } catch (error) {
      return {
        ...base,
        found: null,
        why: isNoRecord(error)
          ? `Not published: optional, it only lets mail clients find the server for ${service.purpose} by themselves (RFC 6186 3).`
          : `Not checked because ${describeDnsFailure(error)}; the record is optional (RFC 6186 3).`,
      };
    }
  });
  const hostFindings = AUTOCONFIG_HOSTS.map(async (host): Promise<Finding> => {
    const name = `${host.label}.${domain}`;
    const base = { check: `srv.${host.id}`, status: 'info' as const, expected: `A, AAAA or CNAME ${name} (optional)` };
    const [ipv4, alias] = await Promise.allSettled([resolver(name, 'A'), resolver(name, 'CNAME')]);
    const found = [
      ...(alias.status === 'fulfilled' ? alias.value.map((target) => `CNAME ${target}`) : []),
      ...(ipv4.status === 'fulfilled' ? ipv4.value.map((address) => `A ${address}`) : []),
    ];
    return {
      ...base,
      found: found.length > 0 ? found.join(', ') : null,
      why:
        found.length > 0
          ? `${host.client} can look up its mail settings at ${name}.`
          : `Not published: optional, it only lets ${host.client} fill in mail settings by itself.`,
    };
  });
  return Promise.all([...srvFindings, ...hostFindings]);
}
