// `mailgate check-domain DOMAIN [--zone FILE.json] [--expect KEY=VALUE]…`: one DomainReport line (live DoH or a zone file).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../commands.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, errorMessage, printHuman, printJsonLine } from '../io.ts';
import type { DomainExpectationsInput } from '../../shared/api/dns.ts';
import { checkDomain } from '../../shared/dns/check-domain.ts';
import { CLOUDFLARE_DOH_ENDPOINT, createDohResolver, GOOGLE_DOH_ENDPOINT } from '../../shared/dns/doh.ts';
import type { Resolver } from '../../shared/dns/resolver.ts';
import { SENDER_SERVICE_IDS } from '../../shared/dns/senders.ts';
import { createZoneResolver, type ZoneData } from '../../shared/dns/zone-stub.ts';

const EXPECT_KEYS = ['receiver', 'sender', 'mx', 'spf', 'dkim', 'dmarc', 'rua'] as const;
const DOH_ENDPOINTS: Record<string, string> = { cloudflare: CLOUDFLARE_DOH_ENDPOINT, google: GOOGLE_DOH_ENDPOINT };

/** `--expect` pairs → the expectations object (`sender` and the list keys repeat or take commas). */
export function parseExpectations(pairs: string[]): DomainExpectationsInput {
  const senders: string[] = [];
  const mx: string[] = [];
  const spf: string[] = [];
  const dkimSelectors: string[] = [];
  const expectations: DomainExpectationsInput = {};
  const dmarc: NonNullable<DomainExpectationsInput['dmarc']> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const key = equals > 0 ? pair.slice(0, equals).trim().toLowerCase() : '';
    const value = pair.slice(equals + 1).trim();
    const list = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (!(EXPECT_KEYS as readonly string[]).includes(key) || value === '') {
      throw new UsageError(`--expect takes KEY=VALUE with KEY one of ${EXPECT_KEYS.join(', ')} (got "${pair}")`);
    }
    if (key === 'receiver') expectations.receiver = value;
    else if (key === 'sender') senders.push(...list);
    else if (key === 'mx') mx.push(...list);
    else if (key === 'spf') spf.push(...value.split(/\s+/));
    else if (key === 'dkim') dkimSelectors.push(...list);
    else if (key === 'rua') dmarc.rua = value.includes(':') ? value : `mailto:${value}`;
    else if (key === 'dmarc') {
      if (value !== 'none' && value !== 'quarantine' && value !== 'reject')
        throw new UsageError('--expect dmarc= takes none, quarantine or reject');
      dmarc.policy = value;
    }
  }
  return { ...expectations, senders, mx, spf, dkimSelectors, dmarc };
}

export const command: CliCommand = {
  summary: `Check a domain's mail records (MX, SPF, DKIM, DMARC, autodiscovery) and print one DomainReport with the fixes. Services: ${SENDER_SERVICE_IDS.join(', ')}.`,
  usage:
    'mailgate check-domain DOMAIN [--zone FILE.json] [--doh cloudflare|google|URL] [--expect receiver=cloudflare|none|ID] [--expect sender=ID]… [--expect mx=HOST]… [--expect spf=TERM]… [--expect dkim=SELECTOR]… [--expect dmarc=none|quarantine|reject] [--expect rua=ADDRESS]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { zone: { type: 'string' }, expect: { type: 'string', multiple: true }, doh: { type: 'string' } },
    });
    const [domain, ...extra] = positionals;
    if (!domain || extra.length > 0) throw new UsageError('exactly one DOMAIN is needed');
    if (values.zone && values.doh) throw new UsageError('--zone and --doh exclude each other');
    const expectations = parseExpectations(values.expect ?? []);

    let resolver: Resolver;
    if (values.zone) {
      try {
        resolver = createZoneResolver(JSON.parse(await readFile(values.zone, 'utf8')) as ZoneData);
      } catch (error) {
        printJsonLine({ domain, error: `cannot read the zone file ${values.zone}: ${errorMessage(error)}` });
        return EXIT_SOME_INPUT_FAILED;
      }
    } else {
      const endpoint = DOH_ENDPOINTS[values.doh ?? 'cloudflare'] ?? values.doh ?? CLOUDFLARE_DOH_ENDPOINT;
      printHuman(`check-domain: resolving ${domain} over ${endpoint}`);
      resolver = createDohResolver({ fetch: globalThis.fetch, endpoint });
    }
    printJsonLine(await checkDomain(domain, expectations, resolver));
    return EXIT_OK;
  },
};
