// The auth corpus on disk, and the one way every suite runs a message: mailgate's own `authenticate()`, in Node.
// authenticate.ts imports a mailauth internal whose types live with the worker's sources (its tsconfig includes them).
/// <reference path="../../worker/inbound/mailauth-tools.d.ts" />
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import type { Resolver } from '../../shared/dns/resolver.ts';
import type { ZoneData } from '../../shared/dns/zone-stub.ts';
import { authenticate, type AuthEnvelope } from '../../worker/inbound/authenticate.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpus = process.env.MAILGATE_AUTH_CORPUS ?? join(repoRoot, '../shared/corpora/auth');

export function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(corpus, relativePath), 'utf8')) as T;
}

export const bytes = (text: string) => new TextEncoder().encode(text);

/** A zone of TXT records only, in the zone stub's shape. */
export function txtZone(records: Record<string, string>): ZoneData {
  return Object.fromEntries(Object.entries(records).map(([name, value]) => [name, [{ TXT: value }]]));
}

export async function verify(raw: string, envelope: AuthEnvelope, resolver: Resolver): Promise<AuthVerdict> {
  return authenticate(bytes(raw), envelope, { resolver, trustedArcSealers: [] });
}
