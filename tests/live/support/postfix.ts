// A private Postfix instance for a test: its own config, queue and data directories under a temporary directory,
// one SMTP listener on 127.0.0.1, `mailgate relay` as the pipe(8) transport of the test domain, and a local virtual
// Maildir for the outside sender (so Postfix's own bounces can be read). No system service or file is touched.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../e2e/support/paths.ts';

const run = promisify(execFile);
const POSTFIX = '/usr/sbin/postfix';
const POSTQUEUE = '/usr/sbin/postqueue';
const SWAKS = '/usr/bin/swaks';
/** pipe(8) and virtual(8) refuse root; Debian's `nobody` runs the relay command and owns the outside Maildir. */
const UNPRIVILEGED = { user: 'nobody', uid: 65534, gid: 65534 };

/** Postfix needs root to start (master binds and drops privileges) and its Debian package; swaks speaks SMTP. */
export function postfixUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'not root: a private Postfix instance cannot start';
  for (const tool of [POSTFIX, POSTQUEUE, SWAKS]) if (!existsSync(tool)) return `${tool} is missing (apt-get install postfix swaks)`;
  return null;
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

export type QueuedMessage = { queue_id: string; queue_name: string; recipients: { address: string; delay_reason?: string }[] };

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

function mainCf(dir: string, options: PostfixOptions): string {
  const mailboxes = options.localMailboxes.map((address) => `${address}=${address.split('@')[0]}/`).join(', ');
  return `# A private instance for a test (see README: Relay ingress).
compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = relay.mailgate.test
mydomain = mailgate.test
myorigin = $myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
relay_domains = ${options.relayDomain}
transport_maps = inline:{ ${options.relayDomain}=mailgate: }
# One recipient per pipe: each gets mailgate's own answer (accepted, refused, retry).
mailgate_destination_recipient_limit = 1
# Under mailgate's 25 MiB (Email Routing's limit), leaving room for the Received header Postfix adds.
message_size_limit = 26000000
virtual_mailbox_domains = ${options.localDomain}
virtual_mailbox_base = ${dir}/mail
virtual_mailbox_maps = inline:{ ${mailboxes} }
virtual_uid_maps = static:${UNPRIVILEGED.uid}
virtual_gid_maps = static:${UNPRIVILEGED.gid}
alias_maps =
alias_database =
local_recipient_maps =
smtputf8_enable = no
biff = no
maillog_file_prefixes = ${dir}
maillog_file = ${dir}/maillog
# Tests retry by hand (postqueue -f); no surprise retries in between.
queue_run_delay = 3600s
minimal_backoff_time = 3600s
maximal_backoff_time = 3600s
`;
}

function masterCf(dir: string, options: PostfixOptions): string {
  const relay = `${process.execPath} ${join(repoRoot, 'bin/mailgate.js')} relay --url ${options.relayUrl} --token-file ${dir}/relay-token`;
  return `127.0.0.1:${options.port} inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
mailgate  unix  - n n - - pipe
  flags=Xq user=${UNPRIVILEGED.user} null_sender= argv=${relay} --sender \${sender} --recipient \${recipient}
`;
}

export async function startPostfix(options: PostfixOptions): Promise<PrivatePostfix> {
  const dir = mkdtempSync(join(tmpdir(), 'mailgate-postfix-'));
  // The pipe runs as nobody: it must reach the token file (its own) through the directory.
  chmodSync(dir, 0o755);
  for (const sub of ['conf', 'queue', 'data', 'mail']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'data'), Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' })), 0);
  chownSync(join(dir, 'mail'), UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  writeFileSync(join(dir, 'relay-token'), `${options.relayToken}\n`, { mode: 0o600 });
  chownSync(join(dir, 'relay-token'), UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  writeFileSync(join(dir, 'conf/main.cf'), mainCf(dir, options));
  writeFileSync(join(dir, 'conf/master.cf'), masterCf(dir, options));
  const conf = join(dir, 'conf');
  const logFile = join(dir, 'maillog');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  const postfix = async (command: string) => {
    try {
      await run(POSTFIX, ['-c', conf, command]);
    } catch (error) {
      throw new Error(`postfix ${command} failed: ${String(error)}\n${log()}`);
    }
  };
  await postfix('start');

  const waitForLog = async (pattern: RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const line = log().split('\n').find((entry) => pattern.test(entry));
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no log line matching ${pattern} within ${timeoutMs / 1000} s:\n${log().slice(-4000)}`);
  };
  await waitForLog(/postfix\/master\[\d+\]: daemon started/);

  return {
    port: options.port,
    dir,
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
    log,
    waitForLog,
    mailbox(address) {
      const newDir = join(dir, 'mail', address.split('@')[0]!, 'new');
      return existsSync(newDir) ? readdirSync(newDir).map((name) => join(newDir, name)) : [];
    },
    swaks(args) {
      return new Promise((resolve, reject) => {
        const child = execFile(
          SWAKS,
          ['--server', `127.0.0.1:${options.port}`, '--helo', 'mta.customer.test', ...args],
          { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
          (error, stdout, stderr) => (error ? reject(new Error(`swaks failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
        );
        // swaks asks on stdin for whatever it is missing: it must never wait there.
        child.stdin?.end();
      });
    },
    async stop() {
      await postfix('stop').catch(() => run(POSTFIX, ['-c', conf, 'abort']).catch(() => undefined));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The queue id Postfix gave the message swaks just sent (`250 2.0.0 Ok: queued as 4XyZ…`). */
export function readQueueId(swaksOutput: string): string {
  const match = swaksOutput.match(/queued as ([0-9A-Za-z]+)/);
  if (!match) throw new Error(`swaks did not get the message queued:\n${swaksOutput}`);
  return match[1]!;
}
