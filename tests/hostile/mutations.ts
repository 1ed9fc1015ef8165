// A seeded generator of hostile variants of a few seed messages: the same seed always yields the same inputs.

export type HostileInput = { name: string; bytes: Uint8Array };

/** mulberry32: tiny, fast and good enough to pick offsets; a seed makes every run reproducible. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const encoder = new TextEncoder();
const crlf = (lines: string[]) => lines.join('\r\n');

const BASE_HEADERS = [
  'From: Ann Sender <ann@sender.example>',
  'To: catchall@example.com',
  'Subject: Hostile seed',
  'Date: Sat, 21 Nov 2026 10:00:00 +0000',
  'Message-ID: <seed@sender.example>',
  'MIME-Version: 1.0',
];

/** Small, realistic messages covering the shapes parsers get wrong: plain, multipart, HTML+QP, nested, base64. */
export const SEED_MESSAGES: Record<string, string> = {
  plain: crlf([
    ...BASE_HEADERS,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello, could you send me a quote?',
    '',
  ]),
  alternative: crlf([
    ...BASE_HEADERS,
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Caf=E9 cr=E8me, soft line=',
    ' break',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p>Caf=C3=A9 <b>cr=C3=A8me</b></p><img src=3D"cid:logo@x">',
    '--alt--',
    '',
  ]),
  attachment: crlf([
    ...BASE_HEADERS,
    'Content-Type: multipart/mixed; boundary="mix"',
    '',
    '--mix',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See attached.',
    '--mix',
    'Content-Type: application/pdf; name="quote.pdf"',
    'Content-Disposition: attachment; filename="quote.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURlY29kZT4+CnN0cmVhbQo=',
    '--mix--',
    '',
  ]),
  nested: crlf([
    ...BASE_HEADERS,
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: message/rfc822',
    '',
    'From: inner@sender.example',
    'Subject: =?utf-8?B?SW5uZXIgc3ViamVjdCDinJM=?=',
    'Content-Type: multipart/related; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<div>inner</div>',
    '--inner--',
    '--outer--',
    '',
  ]),
};

function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

type Mutation = (seed: Uint8Array, random: () => number) => Uint8Array;

const pick = (random: () => number, max: number) => Math.floor(random() * max);

/** Each mutation is one family of hostile input; the random source picks its details. */
export const MUTATIONS: Record<string, Mutation> = {
  truncate: (seed, random) => seed.subarray(0, pick(random, seed.length)),
  bitFlips: (seed, random) => {
    const out = seed.slice();
    const flips = 1 + pick(random, 16);
    for (let i = 0; i < flips; i++) out[pick(random, out.length)]! ^= 1 << pick(random, 8);
    return out;
  },
  nulBytes: (seed, random) => {
    const out = seed.slice();
    const count = 1 + pick(random, 8);
    for (let i = 0; i < count; i++) out[pick(random, out.length)] = 0;
    return out;
  },
  leadingNul: (seed) => concat(new Uint8Array([0, 0, 0]), seed),
  hugeHeaderLine: (seed, random) =>
    concat(bytesOf(`X-Padding: ${'A'.repeat(1024 * 1024 + pick(random, 1024))}\r\n`), seed),
  manyHeaders: (seed, random) =>
    concat(bytesOf(Array.from({ length: 20_000 + pick(random, 1000) }, (_, i) => `X-H${i}: v\r\n`).join('')), seed),
  tenThousandParts: () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join(
      '',
    );
    return bytesOf(crlf([...BASE_HEADERS, 'Content-Type: multipart/mixed; boundary="b"', '', `${parts}--b--`, '']));
  },
  deepNesting: (_seed, random) => {
    const depth = 1000 + pick(random, 10);
    let body = 'Content-Type: text/plain\r\n\r\ncore\r\n';
    for (let level = depth; level > 0; level--) {
      body = `Content-Type: multipart/mixed; boundary="n${level}"\r\n\r\n--n${level}\r\n${body}--n${level}--\r\n`;
    }
    return bytesOf(`${crlf(BASE_HEADERS)}\r\n${body}`);
  },
  deepRfc822: () => {
    let body = 'Content-Type: text/plain\r\n\r\ncore\r\n';
    for (let level = 0; level < 1000; level++)
      body = `Content-Type: message/rfc822\r\n\r\nSubject: ${level}\r\n${body}`;
    return bytesOf(`${crlf(BASE_HEADERS)}\r\n${body}`);
  },
  brokenBase64: (_seed, random) =>
    bytesOf(
      crlf([
        ...BASE_HEADERS,
        'Content-Type: application/octet-stream; name="x.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        ['QUJD$$$', '====', 'A', '@@@@', 'Zm9v\u0000YmFy', '=' + 'A'.repeat(pick(random, 300))][pick(random, 6)]!,
        '',
      ]),
    ),
  brokenQuotedPrintable: (_seed, random) =>
    bytesOf(
      crlf([
        ...BASE_HEADERS,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        ['=ZZ=', '=\r', '=C3', '=' + '='.repeat(pick(random, 100)), 'soft=\r\n=\r\n='][pick(random, 5)]!,
        '',
      ]),
    ),
  unknownCharset: (_seed, random) =>
    bytesOf(
      crlf([
        ...BASE_HEADERS.map((line) =>
          line.startsWith('Subject') ? 'Subject: =?x-unknown-42?B?SGVsbG8=?= =?utf-8?Q?=FF?=' : line,
        ),
        `Content-Type: text/plain; charset="${['x-unknown-42', 'utf-7', 'ebcdic-cp-xx', '', '"'][pick(random, 5)]}"`,
        '',
        'body',
        '',
      ]),
    ),
  invalidUtf8: (seed, random) => {
    const junk = [
      new Uint8Array([0xc3, 0x28]),
      new Uint8Array([0xf0, 0x28, 0x8c]),
      new Uint8Array([0xff, 0xfe, 0xfd]),
      new Uint8Array([0xed, 0xa0, 0x80]),
    ];
    const at = pick(random, seed.length);
    return concat(seed.subarray(0, at), junk[pick(random, junk.length)]!, seed.subarray(at));
  },
  bareLineEndings: (seed, random) => {
    const text = new TextDecoder('latin1').decode(seed);
    return bytesOf(random() < 0.5 ? text.replace(/\r\n/g, '\n') : text.replace(/\r\n/g, '\r'));
  },
  binaryJunk: (_seed, random) => {
    const out = new Uint8Array(1 + pick(random, 4096));
    for (let i = 0; i < out.length; i++) out[i] = pick(random, 256);
    return out;
  },
  empty: () => new Uint8Array(0),
  headersOnly: (seed) => {
    const text = new TextDecoder('latin1').decode(seed);
    return bytesOf(text.slice(0, text.indexOf('\r\n\r\n')));
  },
  boundaryMissing: (seed) => {
    const text = new TextDecoder('latin1').decode(seed);
    return bytesOf(text.replace(/boundary="[^"]*"/, 'boundary=""'));
  },
};

/**
 * `count` inputs from seed `seed`: the mutation families in turn (so a small sample still covers all of them),
 * each applied to a seed message chosen at random.
 */
export function* generateMutations(count: number, seed = 6): Generator<HostileInput> {
  const random = createRandom(seed);
  const seedNames = Object.keys(SEED_MESSAGES);
  const mutationNames = Object.keys(MUTATIONS);
  for (let index = 0; index < count; index++) {
    const mutationName = mutationNames[index % mutationNames.length]!;
    const seedName = seedNames[pick(random, seedNames.length)]!;
    const bytes = MUTATIONS[mutationName]!(bytesOf(SEED_MESSAGES[seedName]!), random);
    yield { name: `${index}-${mutationName}-${seedName}`, bytes };
  }
}
