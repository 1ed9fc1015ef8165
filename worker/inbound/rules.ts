// Routing rules (like Mailgun Routes or Sieve): evaluated first, in order, over recipient, sender, headers, subject.
import type { ParsedMail } from './parse.ts';

export type RoutingRule = {
  id: string;
  name: string;
  matchRecipient: string | null;
  matchSender: string | null;
  matchHeaderName: string | null;
  matchHeaderValue: string | null;
  matchSubject: string | null;
  action: 'route' | 'tag' | 'spam' | 'drop';
  aliasId: string | null;
  tag: string | null;
  stop: boolean;
};

export type RuleOutcome = {
  /** Rules that matched, in order. */
  matched: { id: string; name: string }[];
  routeToAliasId: string | null;
  routeRuleName: string | null;
  tags: string[];
  markedSpam: boolean;
  dropRuleName: string | null;
};

/** Compiles a stored condition; an invalid pattern (refused at creation) never matches instead of throwing. */
function matches(pattern: string | null, value: string): boolean {
  if (pattern === null) return true;
  try {
    return new RegExp(pattern, 'i').test(value);
  } catch {
    return false;
  }
}

function ruleMatches(rule: RoutingRule, facts: { recipient: string; sender: string; mail: ParsedMail }): boolean {
  if (!matches(rule.matchRecipient, facts.recipient)) return false;
  if (!matches(rule.matchSender, facts.sender)) return false;
  if (!matches(rule.matchSubject, facts.mail.subject ?? '')) return false;
  if (rule.matchHeaderName !== null) {
    const name = rule.matchHeaderName.toLowerCase();
    const values = facts.mail.headers.filter((header) => header.key === name).map((header) => header.value);
    if (values.length === 0 || !values.some((value) => matches(rule.matchHeaderValue, value))) return false;
  }
  return true;
}

export function evaluateRules(
  rules: readonly RoutingRule[],
  facts: { recipient: string; sender: string; mail: ParsedMail },
): RuleOutcome {
  const outcome: RuleOutcome = {
    matched: [],
    routeToAliasId: null,
    routeRuleName: null,
    tags: [],
    markedSpam: false,
    dropRuleName: null,
  };
  for (const rule of rules) {
    if (!ruleMatches(rule, facts)) continue;
    outcome.matched.push({ id: rule.id, name: rule.name });
    if (rule.action === 'route' && rule.aliasId && outcome.routeToAliasId === null) {
      outcome.routeToAliasId = rule.aliasId;
      outcome.routeRuleName = rule.name;
    }
    if (rule.action === 'tag' && rule.tag) outcome.tags.push(rule.tag);
    if (rule.action === 'spam') outcome.markedSpam = true;
    if (rule.action === 'drop') {
      outcome.dropRuleName = rule.name;
      break;
    }
    if (rule.stop) break;
  }
  return outcome;
}

/** Refuses a pattern that does not compile, so the API can answer 400 instead of storing a rule that never matches. */
export function describeInvalidPattern(pattern: string | null | undefined): string | null {
  if (pattern === null || pattern === undefined) return null;
  try {
    new RegExp(pattern, 'i');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
