// A throwaway certificate authority for the SMTP tests, made with openssl in a temporary directory: it signs the
// certificate of the private Postfix instance, and workerd is told to trust it (miniflare reads NODE_EXTRA_CA_CERTS
// when it loads and adds those certificates to the sockets' trust store), so that implicit TLS and STARTTLS from the
// Worker can be checked for real against 127.0.0.1. Nothing of the system's trust store is touched.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPENSSL = '/usr/bin/openssl';
/** Set by createTestCa: where the CA lives, so that a later process (the Postfix harness) signs with the same one. */
export const TEST_CA_DIR_VARIABLE = 'MAILGATE_TEST_CA_DIR';

export type TestCa = { dir: string; certFile: string; keyFile: string };

function openssl(args: string[], cwd: string): void {
  execFileSync(OPENSSL, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The CA of this run (made once, then found again through the environment), or null without openssl. */
export function ensureTestCa(): TestCa | null {
  const known = process.env[TEST_CA_DIR_VARIABLE];
  if (known && existsSync(join(known, 'ca.pem')))
    return { dir: known, certFile: join(known, 'ca.pem'), keyFile: join(known, 'ca.key') };
  if (!existsSync(OPENSSL)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'mailgate-test-ca-'));
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=mailgate test CA',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  process.env[TEST_CA_DIR_VARIABLE] = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { dir, certFile: join(dir, 'ca.pem'), keyFile: join(dir, 'ca.key') };
}

/**
 * Makes the test CA trusted by every workerd miniflare starts from now on in this process: a bundle of the certificates
 * NODE_EXTRA_CA_CERTS already named (a machine may set it) and the test CA.
 */
export function trustTestCaInWorkerd(): void {
  const ca = ensureTestCa();
  if (!ca) return;
  const bundle = join(ca.dir, 'trusted-bundle.pem');
  if (process.env.NODE_EXTRA_CA_CERTS === bundle) return;
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  const earlier = existing && existsSync(existing) ? `${readFileSync(existing, 'utf8').trim()}\n` : '';
  writeFileSync(bundle, `${earlier}${readFileSync(ca.certFile, 'utf8')}`);
  process.env.NODE_EXTRA_CA_CERTS = bundle;
}

/** A server certificate for `names` (DNS names and IP addresses), signed by the test CA, in `dir`. */
export function issueServerCertificate(
  ca: TestCa,
  dir: string,
  names: string[],
): { certFile: string; keyFile: string } {
  mkdirSync(dir, { recursive: true });
  const san = names.map((name) => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  writeFileSync(
    join(dir, 'server.ext'),
    `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  openssl(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${names[0]}`, '-keyout', 'server.key', '-out', 'server.csr'],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'server.ext',
      '-out',
      'server.pem',
    ],
    dir,
  );
  return { certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key') };
}

/** A self-signed certificate no one trusts (the case of most small SMTP servers' default "snakeoil" certificates). */
export function issueSelfSignedCertificate(dir: string, name: string): { certFile: string; keyFile: string } {
  mkdirSync(dir, { recursive: true });
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
    ],
    dir,
  );
  return { certFile: join(dir, 'self.pem'), keyFile: join(dir, 'self.key') };
}
