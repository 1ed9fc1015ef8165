// Answers DNS-over-HTTPS JSON queries (`?name=&type=`, application/dns-json) from a small in-memory zone.

/** name → type → presentation-format data, as a DoH JSON answer carries it (TXT quoted, MX "pref host."). */
export type StubZone = Record<string, Partial<Record<'A' | 'MX' | 'TXT' | 'CNAME', string[]>>>;

/** RR type numbers of the DNS JSON API (RFC 1035 3.2.2). */
const TYPE_NUMBERS = { A: 1, CNAME: 5, MX: 15, TXT: 16 } as const;
const RCODE_NOERROR = 0;
const RCODE_NXDOMAIN = 3;

/** A DoH JSON body for one query URL: NXDOMAIN for unknown names, NOERROR with or without answers otherwise. */
export function answerDohQuery(zone: StubZone, url: string): object {
  const query = new URL(url).searchParams;
  const name = (query.get('name') ?? '').toLowerCase().replace(/\.$/, '');
  const type = (query.get('type') ?? 'A').toUpperCase();
  const records = zone[name];
  if (!records) return { Status: RCODE_NXDOMAIN, Question: [{ name, type: 1 }] };
  const typeNumber = TYPE_NUMBERS[type as keyof typeof TYPE_NUMBERS];
  const data = typeNumber ? (records[type as keyof typeof TYPE_NUMBERS] ?? []) : [];
  return {
    Status: RCODE_NOERROR,
    Question: [{ name, type: typeNumber ?? 0 }],
    Answer: data.map((value) => ({ name: `${name}.`, type: typeNumber, TTL: 300, data: value })),
  };
}

/** A domain broken in three ways: an old MX, two SPF records (RFC 7208 3.2) and no DMARC record. */
export const brokenZone: StubZone = {
  'broken.example': {
    MX: ['10 mx.oldhost.example.'],
    TXT: ['"v=spf1 include:_spf.oldhost.example ~all"', '"v=spf1 mx -all"'],
  },
  'mx.oldhost.example': { A: ['192.0.2.25'] },
  '_spf.oldhost.example': { TXT: ['"v=spf1 ip4:192.0.2.0/24 -all"'] },
};
