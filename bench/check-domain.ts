// Benchmark: checkDomain against a resolver that answers every query after 50 ms (target: under 250 ms wall time).
import { checkDomain } from '../shared/dns/check-domain.ts';
import { generateDkimKeyPair } from '../shared/dns/dkim-keygen.ts';
import type { Resolver } from '../shared/dns/resolver.ts';
import { createZoneResolver, type ZoneData } from '../shared/dns/zone-stub.ts';

/** The latency of a distant or cold DoH resolver; every query waits this long, answer or error. */
const QUERY_DELAY_MS = Number(process.env.BENCH_DNS_DELAY_MS ?? 50);
const RUNS = Number(process.env.BENCH_DNS_RUNS ?? 7);
const TARGET_MS = 250;

/** A realistic domain: Cloudflare Email Routing, Odoo and Google Workspace sending, Google's nested SPF includes. */
async function createBenchZone(): Promise<ZoneData> {
  const cloudflareKey = await generateDkimKeyPair('example.com', 'cf2024-1');
  const googleKey = await generateDkimKeyPair('example.com', 'google');
  const odooKey = await generateDkimKeyPair('odoo.com', 'odoo');
  return {
    'example.com': [
      { MX: [13, 'route1.mx.cloudflare.net'] },
      { MX: [86, 'route2.mx.cloudflare.net'] },
      { MX: [24, 'route3.mx.cloudflare.net'] },
      { TXT: 'v=spf1 include:_spf.mx.cloudflare.net include:_spf.odoo.com include:_spf.google.com ~all' },
    ],
    'route1.mx.cloudflare.net': [{ A: '162.159.205.11' }],
    'route2.mx.cloudflare.net': [{ A: '162.159.205.12' }],
    'route3.mx.cloudflare.net': [{ A: '162.159.205.13' }],
    '_spf.mx.cloudflare.net': [{ TXT: 'v=spf1 ip4:104.30.0.0/19 ip6:2a06:98c1:3000::/36 -all' }],
    '_spf.odoo.com': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
    '_spf.google.com': [
      {
        TXT: 'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all',
      },
    ],
    '_netblocks.google.com': [{ TXT: 'v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all' }],
    '_netblocks2.google.com': [{ TXT: 'v=spf1 ip6:2001:4860:4000::/36 ~all' }],
    '_netblocks3.google.com': [{ TXT: 'v=spf1 ip4:172.217.0.0/19 ~all' }],
    'cf2024-1._domainkey.example.com': [
      { TXT: [cloudflareKey.record.value.slice(0, 255), cloudflareKey.record.value.slice(255)] },
    ],
    'google._domainkey.example.com': [
      { TXT: [googleKey.record.value.slice(0, 255), googleKey.record.value.slice(255)] },
    ],
    'odoo._domainkey.example.com': [{ CNAME: 'odoo._domainkey.odoo.com' }],
    'odoo._domainkey.odoo.com': [{ TXT: odooKey.record.value }],
    '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com' }],
    '_submission._tcp.example.com': [{ SRV: '0 1 587 smtp.example.com.' }],
  };
}

function createSlowResolver(inner: Resolver, delayMs: number): { resolver: Resolver; count: () => number } {
  let queries = 0;
  const resolver: Resolver = async (name, type) => {
    queries++;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return inner(name, type);
  };
  return { resolver, count: () => queries };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const zone = createZoneResolver(await createBenchZone());
const times: number[] = [];
let queries = 0;
let status = '';
for (let run = 0; run < RUNS; run++) {
  const slow = createSlowResolver(zone, QUERY_DELAY_MS);
  const started = performance.now();
  const report = await checkDomain('example.com', { senders: ['odoo', 'google'] }, slow.resolver);
  times.push(performance.now() - started);
  queries = slow.count();
  status = report.status;
}
const medianMs = median(times);
process.stdout.write(
  `${JSON.stringify({
    bench: 'check-domain',
    delayPerQueryMs: QUERY_DELAY_MS,
    runs: RUNS,
    medianMs: Math.round(medianMs),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    queries,
    reportStatus: status,
    targetMs: TARGET_MS,
    withinTarget: medianMs < TARGET_MS,
  })}\n`,
);
process.stderr.write(
  `checkDomain, ${QUERY_DELAY_MS} ms per DNS query: median ${medianMs.toFixed(0)} ms over ${RUNS} runs, ${queries} queries, report ${status} (target < ${TARGET_MS} ms)\n`,
);
