// A private Postfix instance for a test: its own config, queue and data directories under a temporary directory,
// listeners on 127.0.0.1 only, and no system service or file touched. Optional: TLS with a given certificate, Cyrus
// SASL with a sasldb of test users (no saslauthd: the auxprop plugin reads the file), and whatever a test adds to
// main.cf and master.cf (the relay's end-to-end test: a pipe transport to `mailgate relay`, local Maildirs).
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createInstanceDir,
  forgetRunningInstance,
  stopOrphanedInstances,
  trackRunningInstance,
} from './postfix-instances.ts';
import { assertPortsFree } from './ports.ts';

const run = promisify(execFile);
const POSTFIX = '/usr/sbin/postfix';
const SASLPASSWD2 = '/usr/sbin/saslpasswd2';

/** Postfix needs root to start (master binds and drops privileges) and Debian's packages. */
export function postfixUnavailableReason(tools: string[] = [POSTFIX]): string | null {
  if (process.getuid?.() !== 0) return 'not root: a private Postfix instance cannot start';
  for (const tool of tools)
    if (!existsSync(tool)) return `${tool} is missing (its Debian package: .ci/run installs them)`;
  return null;
}

export type SmtpdListener = {
  port: number;
  /** `-o name=value` overrides of main.cf for this listener only (master(5)). */
  overrides?: Record<string, string>;
};

export type PrivatePostfixOptions = {
  listeners: SmtpdListener[];
  /** `myhostname` (smtp.mailgate.test by default). */
  hostname?: string;
  /** main.cf settings that replace or add to the defaults, given the instance's directory. */
  settings?: (dir: string) => Record<string, string>;
  /** Services appended to master.cf, given the instance's directory (a pipe transport, virtual(8)). */
  masterCf?: (dir: string) => string;
  /** Runs once the instance's directory exists, before Postfix starts (files its services read). */
  prepare?: (dir: string) => void;
  /** Test users of a sasldb (Cyrus SASL, PLAIN and LOGIN); their realm is the instance's host name. */
  saslUsers?: { user: string; password: string }[];
  /**
   * Cyrus SASL application names and the mechanisms each offers (`smtpd`: PLAIN LOGIN by default); a listener picks
   * one with `smtpd_sasl_path`.
   */
  saslMechanisms?: Record<string, string>;
  /** TLS for listeners that enable it: PEM certificate and key files (copied into the instance's directory). */
  tls?: { certFile: string; keyFile: string };
};

export type PrivatePostfix = {
  dir: string;
  hostname: string;
  log(): string;
  /** Resolves with the first log line matching `pattern` (polling the instance's maillog_file). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
};

const DEFAULT_HOSTNAME = 'smtp.mailgate.test';
/** main.cf as settings (one line each: a test's own settings replace the defaults instead of repeating them). */
function mainCf(dir: string, options: PrivatePostfixOptions): string {
  const tls: Record<string, string> = options.tls
    ? {
        smtpd_tls_cert_file: `${dir}/tls/server.pem`,
        smtpd_tls_key_file: `${dir}/tls/server.key`,
        smtpd_tls_security_level: 'may',
      }
    : { smtpd_tls_security_level: 'none' };
  const sasl: Record<string, string> = options.saslUsers
    ? {
        smtpd_sasl_type: 'cyrus',
        smtpd_sasl_path: 'smtpd',
        cyrus_sasl_config_path: `${dir}/conf/sasl`,
        smtpd_sasl_local_domain: '$myhostname',
        smtpd_sasl_auth_enable: 'yes',
      }
    : {};
  const settings: Record<string, string> = {
    compatibility_level: '3.6',
    queue_directory: `${dir}/queue`,
    data_directory: `${dir}/data`,
    mail_owner: 'postfix',
    setgid_group: 'postdrop',
    myhostname: options.hostname ?? DEFAULT_HOSTNAME,
    mydomain: 'mailgate.test',
    myorigin: '$myhostname',
    mydestination: '',
    inet_interfaces: '127.0.0.1',
    inet_protocols: 'ipv4',
    // By default nothing is trusted by address: relaying needs SASL authentication.
    mynetworks: '127.0.0.1/32',
    smtpd_relay_restrictions: 'permit_sasl_authenticated, reject_unauth_destination',
    smtpd_recipient_restrictions: 'permit_sasl_authenticated, reject_unauth_destination',
    relay_domains: '',
    alias_maps: '',
    alias_database: '',
    local_recipient_maps: '',
    smtputf8_enable: 'yes',
    biff: 'no',
    maillog_file_prefixes: dir,
    maillog_file: `${dir}/maillog`,
    queue_run_delay: '3600s',
    ...tls,
    ...sasl,
    ...options.settings?.(dir),
  };
  return `# A private instance for a test.\n${Object.entries(settings)
    .map(([name, value]) => `${name} = ${value}`)
    .join('\n')}\n`;
}

function masterCf(dir: string, options: PrivatePostfixOptions): string {
  const listeners = options.listeners.map(({ port, overrides = {} }) =>
    [
      `127.0.0.1:${port} inet n - n - - smtpd`,
      ...Object.entries(overrides).map(([name, value]) => `  -o ${name}=${value}`),
    ].join('\n'),
  );
  return `${listeners.join('\n')}
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
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
tlsmgr    unix  - - n 1000? 1 tlsmgr
postlog   unix-dgram n - n - 1 postlogd
${options.masterCf?.(dir) ?? ''}`;
}

function postfixIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postfix'], { encoding: 'utf8' })),
  };
}

/**
 * sasldb2 with the users, and the smtpd.conf that points Cyrus SASL at it (PLAIN and LOGIN only). Debian's Postfix
 * reads smtpd.conf from `<config_directory>/sasl/` (its /etc/postfix/sasl), whatever cyrus_sasl_config_path says.
 */
function writeSasl(
  dir: string,
  hostname: string,
  users: { user: string; password: string }[],
  mechanisms: Record<string, string>,
): void {
  const saslDir = join(dir, 'conf', 'sasl');
  mkdirSync(saslDir);
  // Outside conf/: postfix-script wants everything there owned by root, and the database must be postfix's.
  mkdirSync(join(dir, 'sasldb'));
  const database = join(dir, 'sasldb', 'sasldb2');
  for (const { user, password } of users) {
    execFileSync(SASLPASSWD2, ['-f', database, '-c', '-p', '-u', hostname, user], { input: password });
  }
  for (const [application, mechanismList] of Object.entries(mechanisms)) {
    writeFileSync(
      join(saslDir, `${application}.conf`),
      `pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: ${mechanismList}\nsasldb_path: ${database}\n`,
    );
  }
  // smtpd runs as postfix: it must read the database, nobody else.
  const { uid, gid } = postfixIds();
  chownSync(database, uid, gid);
  chmodSync(database, 0o640);
}

export async function startPrivatePostfix(options: PrivatePostfixOptions): Promise<PrivatePostfix> {
  stopOrphanedInstances();
  // master(8) would fail to bind a taken port, and a test would then talk to whatever holds it.
  await assertPortsFree(
    options.listeners.map((listener) => listener.port),
    'a private Postfix instance cannot start',
  );
  const dir = createInstanceDir();
  chmodSync(dir, 0o755);
  for (const sub of ['conf', 'queue', 'data']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'data'), postfixIds().uid, 0);
  if (options.tls) {
    mkdirSync(join(dir, 'tls'));
    writeFileSync(join(dir, 'tls/server.pem'), readFileSync(options.tls.certFile));
    writeFileSync(join(dir, 'tls/server.key'), readFileSync(options.tls.keyFile), { mode: 0o600 });
  }
  const hostname = options.hostname ?? DEFAULT_HOSTNAME;
  if (options.saslUsers)
    writeSasl(dir, hostname, options.saslUsers, { smtpd: 'PLAIN LOGIN', ...options.saslMechanisms });
  options.prepare?.(dir);
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
  const waitForLog = async (pattern: RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const line = log()
        .split('\n')
        .find((entry) => pattern.test(entry));
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no log line matching ${pattern} within ${timeoutMs / 1000} s:\n${log().slice(-4000)}`);
  };
  const stop = async () => {
    await postfix('stop').catch(() => run(POSTFIX, ['-c', conf, 'abort']).catch(() => undefined));
    forgetRunningInstance(conf);
    rmSync(dir, { recursive: true, force: true });
  };
  trackRunningInstance(conf);
  try {
    await postfix('start');
    // A fatal error (a port taken after all, a bad setting) ends master(8) at once: no need to wait for the deadline.
    const started = await waitForLog(/postfix\/master\[\d+\]: daemon started|fatal: /);
    if (/fatal: /.test(started)) throw new Error(`postfix did not start: ${started}\n${log().slice(-4000)}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, hostname, log, waitForLog, stop };
}
