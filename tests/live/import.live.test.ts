// `mailgate import-mbox` against a live worker: threads rebuilt from headers whatever the order, imported mail marked
// and kept away from ERP records, and an import killed halfway then run again ending exactly as an uninterrupted one.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/support/paths.ts';
import { startLocalWorker, type LocalWorker } from '../e2e/support/worker.ts';
import { startLocalServer, type LocalServer } from '../fakes/local-server.ts';

const BIN = join(repoRoot, 'bin/mailgate.js');
const ARCHIVE = join(repoRoot, 'tests/fixtures/mail/archive.mbox');
/** The conversations of the fixture, by Message-ID (its one message without a Message-ID is left out). */
const EXPECTED_THREADS = [
  ['a1@archive.test', 'b1@archive.test', 'r1@archive.test'],
  ['s@archive.test'],
  ['x@archive.test', 'y@archive.test', 'z@archive.test'],
];

let worker: LocalWorker;
let work: string;

function importArgs(path: string, domain: string, origin = worker.origin): string[] {
  return [BIN, 'import-mbox', path, '--url', origin, '--token', worker.adminToken, '--domain', domain];
}

/**
 * A proxy in front of the worker that passes the first `passed` ingress requests, forwards the next one to the worker
 * but keeps its answer from the importer (`held` resolves once the worker has stored it), and so stops the importer
 * at a known point however fast it runs: the importer is then killed while it waits, as a crash mid-request would.
 */
async function startHoldingProxy(passed: number): Promise<LocalServer & { held: Promise<void> }> {
  let ingressRequests = 0;
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const proxy = await startLocalServer(async (request, body, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
        headers.set(name, value);
    }
    const answer = await fetch(new URL(request.url ?? '/', worker.origin), {
      method: request.method,
      headers,
      body: ['GET', 'HEAD'].includes(request.method ?? 'GET') ? undefined : body,
    });
    const answerBody = Buffer.from(await answer.arrayBuffer());
    if (request.url?.startsWith('/api/ingress/raw') && ++ingressRequests > passed) {
      markHeld();
      return; // no answer: the importer waits until it is killed
    }
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    response.end(answerBody);
  });
  return { ...proxy, held };
}

function runImport(path: string, domain: string) {
  const result = spawnSync(process.execPath, importArgs(path, domain), { encoding: 'utf8' });
  return {
    code: result.status,
    stderr: result.stderr,
    lines: result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

async function rowsOf(domain: string): Promise<any[]> {
  const page = await (await worker.api('/api/inbound?limit=200')).json();
  return page.items.filter((item: any) => item.to.endsWith(`@${domain}`));
}

/** The domain's threads as sorted lists of Message-IDs (the partition the import built). */
async function threadsOf(domain: string): Promise<string[][]> {
  const byThread = new Map<string, string[]>();
  for (const row of await rowsOf(domain)) {
    if (!row.messageId) continue;
    const ids = byThread.get(row.threadId) ?? [];
    if (!ids.includes(row.messageId)) ids.push(row.messageId);
    byThread.set(row.threadId, ids);
  }
  return [...byThread.values()].map((ids) => ids.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

async function createDomain(name: string): Promise<void> {
  expect((await worker.api('/api/domains', { method: 'POST', body: JSON.stringify({ name }) })).status).toBe(201);
}

describe('mailgate import-mbox against a live worker', () => {
  beforeAll(async () => {
    worker = await startLocalWorker();
    work = mkdtempSync(join(tmpdir(), 'mailgate-import-'));
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('rebuilds the threads from headers (children first, a bridging reply last), marks the mail imported, files no record', async () => {
    await createDomain('archive.test');
    const alias = await worker.api('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: 'sales@archive.test', action: 'record', model: 'crm.lead' }),
    });
    expect(alias.status).toBe(201);
    const run = runImport(ARCHIVE, 'archive.test');
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatchObject({ imported: 9, duplicates: 0, failed: 0, failures: [], messages: 9 });
    expect(run.stderr).toMatch(/100% \| 9 messages/);
    expect(await threadsOf('archive.test')).toEqual(EXPECTED_THREADS);

    const rows = await rowsOf('archive.test');
    expect(new Set(rows.map((row) => `${row.source} ${row.imported} ${row.importMode} ${row.status}`))).toEqual(
      new Set(['import true archive delivered']),
    );
    // The lead to sales@ of long ago is history, not a new crm.lead: no alias route, no record on its thread.
    const lead = rows.find((row) => row.messageId === 'r1@archive.test');
    expect(lead).toMatchObject({ to: 'sales@archive.test', route: 'import' });
    const thread = await (await worker.api(`/api/threads/${lead.threadId}`)).json();
    expect(thread.record).toBeNull();
    expect(thread.messages).toHaveLength(3);
    expect(thread.messages.find((m: any) => m.messageId === 'r1@archive.test').text).toContain(
      '>From the catalogue, model 4.\nFrom memory it was cheaper.',
    );
    // The second copy of s@ (other bytes, same Message-ID) is stored but not filed twice.
    expect(
      rows
        .filter((row) => row.messageId === 's@archive.test')
        .map((row) => row.route)
        .sort(),
    ).toEqual(['duplicate', 'import']);

    const again = runImport(ARCHIVE, 'archive.test');
    expect(again.lines[0]).toMatchObject({ imported: 0, duplicates: 9, failed: 0 });
  });

  it('routes imported mail like live mail with --deliver, still marked imported', async () => {
    await createDomain('deliver.test');
    expect(
      (
        await worker.api('/api/aliases', {
          method: 'POST',
          body: JSON.stringify({ address: 'sales@deliver.test', action: 'record', model: 'crm.lead' }),
        })
      ).status,
    ).toBe(201);
    const lead = join(work, 'lead.eml');
    writeFileSync(
      lead,
      'From: Ann <ann@customer.test>\nTo: sales@deliver.test\nSubject: Old lead\nMessage-ID: <old-lead@customer.test>\n\nStill interested.\n',
    );
    const result = spawnSync(process.execPath, [...importArgs(lead, 'deliver.test'), '--deliver'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 1, failed: 0 });
    const [row] = await rowsOf('deliver.test');
    expect(row).toMatchObject({
      route: 'alias',
      reason: 'alias sales@ → crm.lead',
      imported: true,
      importMode: 'deliver',
      source: 'import',
    });
  });

  it('reads a Maildir the same way', async () => {
    await createDomain('maildir.test');
    const maildir = join(work, 'Maildir');
    const messages = readFileSync(ARCHIVE, 'latin1')
      .split(/^From .*\n/m)
      .filter(Boolean);
    for (const sub of ['cur', 'new', 'tmp']) spawnSync('mkdir', ['-p', join(maildir, sub)]);
    messages.forEach((message, index) => {
      writeFileSync(
        join(maildir, index % 2 ? 'cur' : 'new', `170000000${index}.M1P1.host:2,S`),
        message.replace(/\n$/, '').replace(/^>(>*From )/gm, '$1'),
      );
    });
    writeFileSync(join(maildir, 'tmp', 'half-delivered'), 'Subject: not yet\n\n');
    writeFileSync(join(maildir, 'dovecot.index'), 'not mail');
    const run = runImport(maildir, 'maildir.test');
    expect(run.lines[0]).toMatchObject({ imported: 9, failed: 0 });
    expect(await threadsOf('maildir.test')).toEqual(EXPECTED_THREADS);
  });

  it('resumes an import killed halfway without duplicates, ending with the same threads', async () => {
    await createDomain('resumed.test');
    // Killed while waiting for the answer to its fourth message, which the worker stored: polling the row count to
    // pick the moment raced the importer (a fast one had finished all nine before a poll on a loaded machine).
    const proxy = await startHoldingProxy(3);
    const child = spawn(process.execPath, importArgs(ARCHIVE, 'resumed.test', proxy.url), { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await Promise.race([
      proxy.held,
      exited.then((code) => {
        throw new Error(`the importer ended (exit ${String(code)}) before its fourth message was stored`);
      }),
    ]);
    child.kill('SIGKILL');
    await exited;
    await proxy.close();
    const stored = (await rowsOf('resumed.test')).length;
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(stored).toBeLessThan(9);

    const resumed = runImport(ARCHIVE, 'resumed.test');
    expect(resumed.code).toBe(0);
    expect(resumed.lines[0]).toMatchObject({ imported: 9 - stored, duplicates: stored, failed: 0 });
    expect(await rowsOf('resumed.test')).toHaveLength(9);
    expect(await threadsOf('resumed.test')).toEqual(EXPECTED_THREADS);
  });
});
