// A private Postfix instance for the DSN lab: own config and queue under a temp dir, 127.0.0.1 only, short timers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_LOCAL_DOMAIN, LAB_PORTS, LAB_ROUTES } from './cases.ts';

/** Timers short enough for a lab run: a delay warning after 20 s, expiry after 100 s. */
const DELAY_WARNING = '20s';
const QUEUE_LIFETIME = '100s';

export type PostfixLab = { configDir: string; stop: () => void };

/** Writes main.cf, master.cf and the transport table under `root`, then starts the instance (as root, `postfix -c`). */
export function startPostfixLab(root: string): PostfixLab {
  const configDir = join(root, 'etc');
  for (const dir of [configDir, join(root, 'spool'), join(root, 'data')]) mkdirSync(dir, { recursive: true });
  execFileSync('chown', ['postfix', join(root, 'data')]);
  writeFileSync(
    join(configDir, 'transport'),
    LAB_ROUTES.map(({ domain, port }) => `${domain} smtp:[127.0.0.1]:${port}\n`).join(''),
  );
  writeFileSync(
    join(configDir, 'main.cf'),
    [
      'compatibility_level = 3.6',
      `queue_directory = ${join(root, 'spool')}`,
      `data_directory = ${join(root, 'data')}`,
      'command_directory = /usr/sbin',
      'daemon_directory = /usr/lib/postfix/sbin',
      'mail_owner = postfix',
      'setgid_group = postdrop',
      `maillog_file = ${join(root, 'maillog')}`,
      `maillog_file_prefixes = ${root}`,
      'myhostname = mta.postfix.lab.test',
      'mydomain = postfix.lab.test',
      'myorigin = $mydomain',
      `mydestination = ${LAB_LOCAL_DOMAIN}`,
      // Accept every local part at SMTP time so that local(8) bounces the unknown one after queueing.
      'local_recipient_maps =',
      'alias_maps =',
      'alias_database =',
      'inet_interfaces = 127.0.0.1',
      'inet_protocols = ipv4',
      'mynetworks = 127.0.0.0/8',
      `transport_maps = texthash:${join(configDir, 'transport')}`,
      'smtp_tls_security_level = none',
      'smtpd_tls_security_level = none',
      'biff = no',
      `delay_warning_time = ${DELAY_WARNING}`,
      `maximal_queue_lifetime = ${QUEUE_LIFETIME}`,
      `bounce_queue_lifetime = ${QUEUE_LIFETIME}`,
      'queue_run_delay = 10s',
      'minimal_backoff_time = 10s',
      'maximal_backoff_time = 20s',
      'smtp_connect_timeout = 5s',
      '',
    ].join('\n'),
  );
  const service = (name: string, type: string, priv: string, wakeup: string, limit: string, command: string) =>
    `${name} ${type} ${priv} - n ${wakeup} ${limit} ${command}`;
  writeFileSync(
    join(configDir, 'master.cf'),
    [
      service(`127.0.0.1:${LAB_PORTS.postfixSmtpd}`, 'inet', 'n', '-', '-', 'smtpd'),
      service('pickup', 'unix', 'n', '60', '1', 'pickup'),
      service('cleanup', 'unix', 'n', '-', '0', 'cleanup'),
      service('qmgr', 'unix', 'n', '300', '1', 'qmgr'),
      service('rewrite', 'unix', '-', '-', '-', 'trivial-rewrite'),
      service('bounce', 'unix', '-', '-', '0', 'bounce'),
      service('defer', 'unix', '-', '-', '0', 'bounce'),
      service('trace', 'unix', '-', '-', '0', 'bounce'),
      service('verify', 'unix', '-', '-', '1', 'verify'),
      service('flush', 'unix', 'n', '1000?', '0', 'flush'),
      service('proxymap', 'unix', '-', '-', '-', 'proxymap'),
      service('proxywrite', 'unix', '-', '-', '1', 'proxymap'),
      service('smtp', 'unix', '-', '-', '-', 'smtp'),
      service('relay', 'unix', '-', '-', '-', 'smtp'),
      service('showq', 'unix', 'n', '-', '-', 'showq'),
      service('error', 'unix', '-', '-', '-', 'error'),
      service('retry', 'unix', '-', '-', '-', 'error'),
      service('discard', 'unix', '-', '-', '-', 'discard'),
      `local unix - n n - - local`,
      service('anvil', 'unix', '-', '-', '1', 'anvil'),
      service('scache', 'unix', '-', '-', '1', 'scache'),
      service('postlog', 'unix-dgram', 'n', '-', '1', 'postlogd'),
      '',
    ].join('\n'),
  );
  execFileSync('/usr/sbin/postfix', ['-c', configDir, 'start'], { stdio: 'inherit' });
  return { configDir, stop: () => execFileSync('/usr/sbin/postfix', ['-c', configDir, 'stop'], { stdio: 'inherit' }) };
}
