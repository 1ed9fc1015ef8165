// Regenerates the DSN fixtures of worker/bounces/fixtures/generated with real MTAs (not run by npm test).
// A private Postfix (Debian's, own config and queue under a temp dir) and an unpacked Exim (Debian's binary, own config
// and spool) send test messages that fail in known ways against a scripted SMTP server on 127.0.0.1; the delivery
// status notifications and delay warnings they send back are kept, labelled by construction (cases.ts).
// Usage (as root, Postfix installed, apt reachable for Exim's packages):
//   node scripts/generate-dsns.ts [--mta postfix|exim] [--keep-temp]
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  LAB_CASES,
  LAB_PORTS,
  LAB_SENDER,
  SCRIPTED_REPLIES,
  SMALL_SIZE_LIMIT,
  type ExpectedRecipient,
  type LabCase,
  type Mta,
  type NoticeKind,
} from './dsn-lab/cases.ts';
import { startEximLab } from './dsn-lab/exim-lab.ts';
import { startPostfixLab } from './dsn-lab/postfix-lab.ts';
import { startSmtpSink } from './dsn-lab/smtp-sink.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(repoRoot, 'worker/bounces/fixtures/generated');
/** Long enough for a delay warning and an expiry of every queued case (the labs expire messages after 100 s). */
const WAIT_LIMIT_MS = 300_000;

const { values } = parseArgs({
  options: { mta: { type: 'string', multiple: true }, 'keep-temp': { type: 'boolean' } },
});
const mtas = (values.mta ?? ['postfix', 'exim']) as Mta[];

type Notice = { mta: Mta; labCase: LabCase; kind: NoticeKind; data: string };
const received: string[] = [];

function buildMessage(mta: Mta, labCase: LabCase): string {
  const filler = labCase.bodyBytes
    ? `${'This line pads the message to a size the server refuses.\n'.repeat(Math.ceil(labCase.bodyBytes / 57))}`
    : '';
  return [
    `From: ERP <${LAB_SENDER}>`,
    `To: ${labCase.recipients.join(', ')}`,
    `Subject: Quotation for ${labCase.id}`,
    `Message-ID: <${mta}-${labCase.id}@sender.lab.test>`,
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello, please find our quotation below.',
    filler,
  ].join('\n');
}

function send(mta: Mta, labCase: LabCase, root: string): void {
  const file = join(root, `${mta}-${labCase.id}.eml`);
  writeFileSync(file, buildMessage(mta, labCase));
  const port = mta === 'postfix' ? LAB_PORTS.postfixSmtpd : LAB_PORTS.eximSmtpd;
  execFileSync('swaks', [
    '--silent',
    '2',
    '--server',
    `127.0.0.1:${port}`,
    '--from',
    LAB_SENDER,
    '--to',
    labCase.recipients.join(','),
    '--data',
    `@${file}`,
  ]);
}

/** Which case and notice a received report belongs to: the quoted Message-ID, and the MTA's delay-warning subject. */
function identify(data: string): Notice | null {
  for (const mta of mtas) {
    for (const labCase of LAB_CASES) {
      if (!data.includes(`${mta}-${labCase.id}@sender.lab.test`)) continue;
      const subject = /^Subject: (.*)$/im.exec(data)?.[1] ?? '';
      return { mta, labCase, kind: /delay|warning/i.test(subject) ? 'delay' : 'failure', data };
    }
  }
  return null;
}

function expectedNotices(): Array<{ mta: Mta; labCase: LabCase; kind: NoticeKind }> {
  return mtas.flatMap((mta) =>
    LAB_CASES.filter((labCase) => labCase.mtas.includes(mta)).flatMap((labCase) =>
      (Object.keys(labCase.expect(mta)) as NoticeKind[]).map((kind) => ({ mta, labCase, kind })),
    ),
  );
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'dsn-lab-'));
  // The MTAs' unprivileged users (postfix, the Exim user) must reach their folders below it.
  chmodSync(root, 0o755);
  const sinks = [
    await startSmtpSink({
      port: LAB_PORTS.sink,
      replies: SCRIPTED_REPLIES,
      onMessage: ({ recipients, data }) => {
        if (recipients.includes(LAB_SENDER)) received.push(data);
      },
    }),
    await startSmtpSink({
      port: LAB_PORTS.smallSink,
      sizeLimit: SMALL_SIZE_LIMIT,
      replies: new Map(),
      onMessage: () => {},
    }),
  ];
  const stops: Array<() => void> = [];
  try {
    if (mtas.includes('postfix')) stops.push(startPostfixLab(join(root, 'postfix')).stop);
    if (mtas.includes('exim')) {
      const exim = startEximLab(join(root, 'exim'));
      stops.push(exim.stop);
      await new Promise((done) => setTimeout(done, 2000));
    }
    for (const mta of mtas) for (const labCase of LAB_CASES) if (labCase.mtas.includes(mta)) send(mta, labCase, root);
    const wanted = expectedNotices();
    const started = Date.now();
    let notices: Notice[] = [];
    while (Date.now() - started < WAIT_LIMIT_MS) {
      notices = received.map(identify).filter((notice): notice is Notice => notice !== null);
      const missing = wanted.filter(
        (want) => !notices.some((n) => n.mta === want.mta && n.labCase === want.labCase && n.kind === want.kind),
      );
      console.log(
        `${Math.round((Date.now() - started) / 1000)} s: ${notices.length} notices, waiting for ${missing.map((m) => `${m.mta}/${m.labCase.id}/${m.kind}`).join(' ') || 'nothing'}`,
      );
      if (missing.length === 0) break;
      await new Promise((done) => setTimeout(done, 5000));
    }
    writeFixtures(notices);
  } finally {
    for (const stop of stops) stop();
    for (const sink of sinks) sink.close();
    if (!values['keep-temp']) rmSync(root, { recursive: true, force: true });
    else console.log(`temp dir kept: ${root}`);
  }
}

type Label = {
  file: string;
  mta: Mta;
  case: string;
  notice: NoticeKind;
  causes: string;
  recipients: ExpectedRecipient[];
};

/** Replaces the fixtures of the MTAs of this run; the other MTAs' fixtures and labels stay as they are. */
function writeFixtures(notices: Notice[]): void {
  mkdirSync(outputDir, { recursive: true });
  const labelsPath = join(outputDir, 'labels.json');
  const kept = existsSync(labelsPath)
    ? (JSON.parse(readFileSync(labelsPath, 'utf8')) as { messages: Label[] }).messages.filter(
        (label) => !mtas.includes(label.mta),
      )
    : [];
  for (const file of readdirSync(outputDir))
    if (file.endsWith('.eml') && mtas.some((mta) => file.startsWith(`${mta}-`))) unlinkSync(join(outputDir, file));
  const labels: Label[] = [];
  const counters = new Map<Mta, number>();
  const order = (n: Notice) => `${n.mta} ${LAB_CASES.indexOf(n.labCase).toString().padStart(2, '0')} ${n.kind}`;
  const firstOfEach = new Map<string, Notice>();
  for (const notice of notices) if (!firstOfEach.has(order(notice))) firstOfEach.set(order(notice), notice);
  for (const notice of [...firstOfEach.values()].sort((a, b) => order(a).localeCompare(order(b)))) {
    const recipients = notice.labCase.expect(notice.mta)[notice.kind];
    if (!recipients) continue;
    const number = (counters.get(notice.mta) ?? 0) + 1;
    counters.set(notice.mta, number);
    const file = `${notice.mta}-${String(number).padStart(2, '0')}.eml`;
    writeFileSync(join(outputDir, file), notice.data.replace(/\r\n/g, '\n'));
    labels.push({
      file,
      mta: notice.mta,
      case: notice.labCase.id,
      notice: notice.kind,
      causes: notice.labCase.causes,
      recipients,
    });
  }
  const messages = [...kept, ...labels].sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(labelsPath, `${JSON.stringify({ generatedBy: 'scripts/generate-dsns.ts', messages }, null, 2)}\n`);
  console.log(`wrote ${labels.length} fixtures to ${outputDir}`);
}

await main();
