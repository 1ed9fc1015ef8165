// A DNS-over-HTTPS JSON endpoint (application/dns-json, as Cloudflare and Google serve it) answering from a zone in
// the RFC 7208 test suite's zonedata shape. The worker under test reaches it through miniflare's outboundService.
import { createZoneResolver, type ZoneData } from '../../shared/dns/zone-stub.ts';
import { DnsError, type RecordType } from '../../shared/dns/resolver.ts';

/** RFC 1035 3.2.2 / RFC 3596 type numbers of the types the stub serves. */
const TYPE_NUMBERS: Record<string, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  SPF: 99,
};

function quoteTxt(strings: string[]): string {
  return strings.map((part) => `"${part.replace(/["\\]/g, '\\$&')}"`).join(' ');
}

export function createDohZoneHandler(zone: ZoneData) {
  const resolve = createZoneResolver(zone);
  return async function answerDoh(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const name = url.searchParams.get('name') ?? '';
    const type = (url.searchParams.get('type') ?? 'A').toUpperCase() as RecordType;
    const question = [{ name, type: TYPE_NUMBERS[type] ?? 0 }];
    const json = (body: object) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/dns-json' } });
    try {
      const answers = (await resolve(name, type)) as unknown[];
      const data = answers.map((answer) =>
        type === 'TXT' || type === 'SPF'
          ? quoteTxt(answer as string[])
          : type === 'MX'
            ? `${(answer as { priority: number }).priority} ${(answer as { exchange: string }).exchange}.`
            : String(answer),
      );
      return json({
        Status: 0,
        Question: question,
        Answer: data.map((d) => ({ name, type: TYPE_NUMBERS[type], TTL: 300, data: d })),
      });
    } catch (error) {
      if (error instanceof DnsError && error.code === 'ENODATA') return json({ Status: 0, Question: question });
      if (error instanceof DnsError && error.code === 'ENOTFOUND') return json({ Status: 3, Question: question });
      return json({ Status: 2, Question: question });
    }
  };
}
