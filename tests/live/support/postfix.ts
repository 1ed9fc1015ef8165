// The relay's private Postfix instance (tests/support/postfix.ts) for the end-to-end test: one SMTP listener on
// 127.0.0.1, `mailgate relay` as the pipe(8) transport of the test domain, and a local virtual Maildir for the outside
// sender (so Postfix's own bounces can be read). No system service or file is touched.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../e2e/support/paths.ts';
import { postfixUnavailableReason as findMissingTool, startPrivatePostfix } from '../../support/postfix.ts';

const run = promisify(execFile);
const POSTFIX = '/usr/sbin/postfix';
const POSTQUEUE = '/usr/sbin/postqueue';
const SWAKS = '/usr/bin/swaks';
/** pipe(8) and virtual(8) refuse root; Debian's `nobody` runs the relay command and owns the outside Maildir. */
const UNPRIVILEGED = { user: 'nobody', uid: 65534, gid: 65534 };

/** Postfix needs root to start (master binds and drops privileges) and its Debian package; swaks speaks SMTP. */
export function postfixUnavailableReason(): string | null {
  return findMissingTool([POSTFIX, POSTQUEUE, SWAKS]);
}

export type PostfixOptions = {
  port: number;
  /** The domain whose mail goes to mailgate through the pipe transport. */
  relayDomain: string;
  relayUrl: string;
  relayToken: string;
  /** An outside domain whose mailboxes are local Maildirs (where Postfix's bounces to the test's senders land). */
  localDomain: string;
  localMailboxes: string[];
};

export type QueuedMessage = {
  queue_id: string;
  queue_name: string;
  recipients: { address: string; delay_reason?: string }[];
};

export type PrivatePostfix = {
  port: number;
  dir: string;
  /** The queue as `postqueue -j` lists it. */
  queue(): Promise<QueuedMessage[]>;
  /** `postqueue -f`: retry every deferred message now. */
  flush(): Promise<void>;
  log(): string;
  /** Resolves with the first log line matching `pattern` (polling the instance's maillog_file). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Message files delivered to a local mailbox's Maildir (new/). */
  mailbox(address: string): string[];
  /** swaks against this instance; `--data` from a file when given. */
  swaks(args: string[]): Promise<string>;
  stop(): Promise<void>;
};

/** What the relay sets in the shared instance's main.cf (in place of its defaults). */
function relaySettings(dir: string, options: PostfixOptions): Record<string, string> {
  const mailboxes = options.localMailboxes.map((address) => `${address}=${address.split('@')[0]}/`).join(', ');
  return {
    // The relay (see README: Relay ingress): clients on loopback may send to the relay domain.
    mynetworks: '127.0.0.0/8',
    smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination',
    smtpd_recipient_restrictions: 'permit_mynetworks, reject_unauth_destination',
    relay_domains: options.relayDomain,
    transport_maps: `inline:{ ${options.relayDomain}=mailgate: }`,
    // One recipient per pipe: each gets mailgate's own answer (accepted, refused, retry).
    mailgate_destination_recipient_limit: '1',
    // Under mailgate's 25 MiB (Email Routing's limit), leaving room for the Received header Postfix adds.
    message_size_limit: '26000000',
    virtual_mailbox_domains: options.localDomain,
    virtual_mailbox_base: `${dir}/mail`,
    virtual_mailbox_maps: `inline:{ ${mailboxes} }`,
    virtual_uid_maps: `static:${UNPRIVILEGED.uid}`,
    virtual_gid_maps: `static:${UNPRIVILEGED.gid}`,
    smtputf8_enable: 'no',
    // Tests retry by hand (postqueue -f); no surprise retries in between.
    minimal_backoff_time: '3600s',
    maximal_backoff_time: '3600s',
  };
}

function relayMasterCf(dir: string, options: PostfixOptions): string {
  const relay = `${process.execPath} ${join(repoRoot, 'bin/mailgate.js')} relay --url ${options.relayUrl} --token-file ${dir}/relay-token`;
  return `virtual   unix  - n n - - virtual
mailgate  unix  - n n - - pipe
  flags=Xq user=${UNPRIVILEGED.user} null_sender= argv=${relay} --sender \${sender} --recipient \${recipient}
`;
}

/** The outside Maildir and the relay's token file, both the unprivileged user's (the pipe reads the token). */
function prepareRelayFiles(dir: string, relayToken: string): void {
  mkdirSync(join(dir, 'mail'));
  chownSync(join(dir, 'mail'), UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  writeFileSync(join(dir, 'relay-token'), `${relayToken}\n`, { mode: 0o600 });
  chownSync(join(dir, 'relay-token'), UNPRIVILEGED.uid, UNPRIVILEGED.gid);
}

export async function startPostfix(options: PostfixOptions): Promise<PrivatePostfix> {
  const shared = await startPrivatePostfix({
    listeners: [{ port: options.port }],
    hostname: 'relay.mailgate.test',
    settings: (dir) => relaySettings(dir, options),
    masterCf: (dir) => relayMasterCf(dir, options),
    prepare: (dir) => prepareRelayFiles(dir, options.relayToken),
  });
  const conf = join(shared.dir, 'conf');
  return {
    port: options.port,
    dir: shared.dir,
    log: shared.log,
    waitForLog: shared.waitForLog,
    stop: shared.stop,
    async queue() {
      const { stdout } = await run(POSTQUEUE, ['-c', conf, '-j']);
      return stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as QueuedMessage);
    },
    async flush() {
      await run(POSTQUEUE, ['-c', conf, '-f']);
    },
    mailbox(address) {
      const newDir = join(shared.dir, 'mail', address.split('@')[0]!, 'new');
      return existsSync(newDir) ? readdirSync(newDir).map((name) => join(newDir, name)) : [];
    },
    swaks(args) {
      return new Promise((resolve, reject) => {
        const child = execFile(
          SWAKS,
          ['--server', `127.0.0.1:${options.port}`, '--helo', 'mta.customer.test', ...args],
          { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
          (error, stdout, stderr) =>
            error ? reject(new Error(`swaks failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
        );
        // swaks asks on stdin for whatever it is missing: it must never wait there.
        child.stdin?.end();
      });
    },
  };
}

/** The queue id Postfix gave the message swaks just sent (`250 2.0.0 Ok: queued as 4XyZ…`). */
export function readQueueId(swaksOutput: string): string {
  const match = swaksOutput.match(/queued as ([0-9A-Za-z]+)/);
  if (!match) throw new Error(`swaks did not get the message queued:\n${swaksOutput}`);
  return match[1]!;
}
