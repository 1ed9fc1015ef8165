// Puts an export's configuration back: domains and their settings, routing rules, aliases (created or updated), and
// the suppression lists.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { SUPPRESSIONS_FILE } from './manifest.ts';
import { readSuppressionLines, restoreSuppressions, type SuppressionRestoreSummary } from './suppressions.ts';

/** The parts of the API's answers a restore reads: a created item's id, a list's items, an error's message. */
type AnswerJson = {
  id?: string;
  items?: { id: string; address?: string; name?: string }[];
  error?: { message?: string };
};
type GatewayAnswer = { status: number; json: AnswerJson | null };

export type GatewayWriter = {
  /** Sends JSON; resolves with the status and the parsed answer (never throws for an HTTP status). */
  send(method: string, path: string, body?: unknown): Promise<GatewayAnswer>;
};

export function createGatewayWriter(origin: string, token: string): GatewayWriter {
  return {
    async send(method, path, body) {
      const response = await fetch(new URL(path, origin), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let json: AnswerJson | null = null;
      try {
        json = JSON.parse(text) as AnswerJson | null;
      } catch {
        json = { error: { message: text.slice(0, 300) } };
      }
      return { status: response.status, json };
    },
  };
}

/** The domain settings PATCH /api/domains/:name takes. */
const DOMAIN_SETTINGS = [
  'subaddressSeparator',
  'unknownRecipientPolicy',
  'catchallOnlyPolicy',
  'subjectFallback',
  'forwardRepliesToFollowers',
  'dmarcFailurePolicy',
  'spamPolicy',
  'silenceAlertMinutes',
] as const;
const ALIAS_FIELDS = ['action', 'model', 'policy', 'defaults', 'forwardTo', 'odooTargetId', 'bounceMessage'] as const;
const RULE_FIELDS = [
  'name',
  'position',
  'matchRecipient',
  'matchSender',
  'matchHeaderName',
  'matchHeaderValue',
  'matchSubject',
  'action',
  'tag',
  'stop',
] as const;

export type RestoreSummary = {
  domains: number;
  aliases: number;
  rules: number;
  /** Suppressed addresses put back, and those the gateway already had (they keep their entry). */
  suppressions: SuppressionRestoreSummary;
  failed: { what: string; reason: string }[];
};

function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]),
  );
}

export async function restoreConfiguration(writer: GatewayWriter, configFile: string): Promise<RestoreSummary> {
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  if (config.version !== 1) throw new Error(`${configFile}: unknown export version ${config.version}`);
  const summary: RestoreSummary = {
    domains: 0,
    aliases: 0,
    rules: 0,
    suppressions: { added: 0, alreadyThere: 0 },
    failed: [],
  };
  const expect = (what: string, answer: GatewayAnswer, ok: number[]) => {
    if (ok.includes(answer.status)) return true;
    summary.failed.push({ what, reason: `HTTP ${answer.status}: ${answer.json?.error?.message ?? 'no message'}` });
    return false;
  };
  const aliasIdsByOldId = new Map<string, string>();
  const { json: existingAliases } = await writer.send('GET', '/api/aliases');
  const aliasIdByAddress = new Map((existingAliases?.items ?? []).map((alias) => [alias.address, alias.id]));

  for (const domain of config.domains) {
    const path = `/api/domains/${encodeURIComponent(domain.name)}`;
    if ((await writer.send('GET', path)).status === 404) {
      if (
        !expect(
          `domain ${domain.name}`,
          await writer.send('POST', '/api/domains', {
            name: domain.name,
            catchall: domain.catchall,
            bounce: domain.bounce,
          }),
          [201],
        )
      )
        continue;
    } else {
      await writer.send('PATCH', path, { catchall: domain.catchall, bounce: domain.bounce });
    }
    if (expect(`settings of ${domain.name}`, await writer.send('PATCH', path, pick(domain, DOMAIN_SETTINGS)), [200]))
      summary.domains++;
  }
  for (const alias of config.aliases) {
    const body = pick(alias, ALIAS_FIELDS);
    const existing = aliasIdByAddress.get(alias.address);
    const answer = existing
      ? await writer.send('PATCH', `/api/aliases/${existing}`, body)
      : await writer.send('POST', '/api/aliases', { address: alias.address, ...body });
    if (expect(`alias ${alias.address}`, answer, [200, 201])) {
      summary.aliases++;
      if (answer.json?.id) aliasIdsByOldId.set(alias.id, answer.json.id);
    }
  }
  for (const domain of config.domains) {
    const path = `/api/domains/${encodeURIComponent(domain.name)}/rules`;
    const { json: present } = await writer.send('GET', path);
    const names = new Set((present?.items ?? []).map((rule) => rule.name));
    for (const rule of domain.rules ?? []) {
      if (names.has(rule.name)) continue;
      // A rule names its alias by id: the restored alias has a new one.
      const alias = rule.aliasId ? (aliasIdsByOldId.get(rule.aliasId) ?? null) : null;
      if (
        expect(
          `rule ${rule.name} of ${domain.name}`,
          await writer.send('POST', path, { ...pick(rule, RULE_FIELDS), alias }),
          [201],
        )
      )
        summary.rules++;
    }
  }
  // After the domains: each entry goes to its domain's list.
  const suppressionLines = readSuppressionLines(join(dirname(configFile), SUPPRESSIONS_FILE));
  summary.suppressions = await restoreSuppressions(writer, suppressionLines, summary.failed);
  return summary;
}
