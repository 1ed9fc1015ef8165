// A private Exim for the DSN lab: Debian's binary unpacked (not installed: it conflicts with the postfix package),
// own config (-C) and spool under a temp dir, 127.0.0.1 only, short retry and delay-warning timers.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_LOCAL_DOMAIN, LAB_PORTS, LAB_ROUTES } from './cases.ts';

/** Debian's exim4-daemon-light and what it needs that this machine lacks; libnss-wrapper supplies its user. */
const PACKAGES = ['exim4-daemon-light', 'exim4-base', 'exim4-config', 'libidn12', 'libnss-wrapper'];
/** The binary looks up the user "Debian-exim" at start; nss_wrapper answers from a passwd file of our own. */
const EXIM_UID = 4242;

export type EximLab = { stop: () => void; process: ChildProcess };

/** Downloads and unpacks the packages (`apt-get download`, `dpkg-deb -x`) into `root/pkg`; returns that folder. */
function unpackExim(root: string): string {
  const debs = join(root, 'debs');
  const pkg = join(root, 'pkg');
  mkdirSync(debs, { recursive: true });
  execFileSync('apt-get', ['download', ...PACKAGES], { cwd: debs, stdio: 'inherit' });
  for (const file of readdirSync(debs))
    if (file.endsWith('.deb')) execFileSync('dpkg-deb', ['-x', join(debs, file), pkg]);
  return pkg;
}

function writeConfig(root: string, binary: string): string {
  const routers = LAB_ROUTES.map(({ domain, port }) =>
    [
      `lab_${domain.split('.')[0]}:`,
      '  driver = manualroute',
      `  domains = ${domain}`,
      '  route_list = * 127.0.0.1',
      '  self = send',
      `  transport = smtp_${port}`,
    ].join('\n'),
  );
  const transports = [...new Set(LAB_ROUTES.map(({ port }) => port))].map((port) =>
    [
      `smtp_${port}:`,
      '  driver = smtp',
      `  port = ${port}`,
      '  hosts_avoid_tls = *',
      '  connect_timeout = 5s',
      '  allow_localhost',
    ].join('\n'),
  );
  const config = join(root, 'exim.conf');
  writeFileSync(
    config,
    [
      // Exim re-executes itself for deliveries and queue runs: point it at the unpacked binary.
      `exim_path = ${binary}`,
      // The re-executed binary needs the unpacked libraries and the wrapped passwd: keep those variables.
      'keep_environment = LD_LIBRARY_PATH : LD_PRELOAD : NSS_WRAPPER_PASSWD : NSS_WRAPPER_GROUP',
      'primary_hostname = mta.exim.lab.test',
      'qualify_domain = exim.lab.test',
      `domainlist local_domains = ${LAB_LOCAL_DOMAIN}`,
      `spool_directory = ${join(root, 'spool')}`,
      `log_file_path = ${join(root, 'log')}/%slog`,
      `pid_file_path = ${join(root, 'exim.pid')}`,
      'local_interfaces = 127.0.0.1',
      `daemon_smtp_ports = ${LAB_PORTS.eximSmtpd}`,
      'acl_smtp_rcpt = accept',
      'host_lookup =',
      'rfc1413_hosts =',
      'tls_advertise_hosts =',
      'delay_warning = 20s',
      'ignore_bounce_errors_after = 0s',
      'timeout_frozen_after = 1d',
      '',
      'begin routers',
      ...routers,
      'unknown_local_user:',
      '  driver = redirect',
      '  domains = +local_domains',
      '  data = :fail: Unknown user',
      '  allow_fail',
      'dnslookup:',
      '  driver = dnslookup',
      '  domains = ! +local_domains',
      '  transport = smtp_dns',
      '  no_more',
      '',
      'begin transports',
      ...transports,
      'smtp_dns:',
      '  driver = smtp',
      '',
      'begin retry',
      '*  *  F,100s,10s',
      '',
    ].join('\n'),
  );
  return config;
}

/** Unpacks Exim, writes its config and spool, and runs its daemon in the foreground with a 10 s queue runner. */
export function startEximLab(root: string): EximLab {
  const pkg = unpackExim(root);
  for (const dir of ['spool', 'log']) {
    mkdirSync(join(root, dir), { recursive: true });
    chownSync(join(root, dir), EXIM_UID, EXIM_UID);
  }
  const passwd = join(root, 'passwd');
  const group = join(root, 'group');
  writeFileSync(
    passwd,
    `${readFileSync('/etc/passwd', 'utf8')}Debian-exim:x:${EXIM_UID}:${EXIM_UID}:exim lab:${root}:/usr/sbin/nologin\n`,
  );
  writeFileSync(group, `${readFileSync('/etc/group', 'utf8')}Debian-exim:x:${EXIM_UID}:\n`);
  const binary = join(pkg, 'usr/sbin/exim4');
  // Without its setuid bit the binary runs as its caller: the loader then honours LD_LIBRARY_PATH and LD_PRELOAD in the
  // processes Exim re-executes after dropping to its own user.
  chmodSync(binary, 0o755);
  const config = writeConfig(root, binary);
  chmodSync(config, 0o644);
  const libs = join(pkg, 'usr/lib/x86_64-linux-gnu');
  const env = {
    ...process.env,
    LD_LIBRARY_PATH: libs,
    LD_PRELOAD: join(libs, 'libnss_wrapper.so'),
    NSS_WRAPPER_PASSWD: passwd,
    NSS_WRAPPER_GROUP: group,
  };
  const daemon = spawn(binary, ['-C', config, '-bdf', '-q10s'], { env, stdio: 'inherit' });
  return { process: daemon, stop: () => daemon.kill('SIGTERM') };
}
