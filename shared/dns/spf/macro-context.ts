// Macro expansion for one SPF check: the macro context, domain-spec expansion and the exp= text (RFC 7208 6.2, 7).
import { joinTxt } from '../txt.ts';
import { expandMacroTokens, finishExpandedDomain, tokenizeMacroString, type MacroContext } from './macro.ts';
import { formatIp, listAddressLabels } from './ip.ts';
import type { SpfTerm } from './parse.ts';
import { isQueryableDomain, SpfAbort, type Session } from './session.ts';
import { computeValidatedName } from './validated-names.ts';

export function findModifier(terms: SpfTerm[], name: string): Extract<SpfTerm, { kind: 'modifier' }> | undefined {
  return terms.find(
    (term): term is Extract<SpfTerm, { kind: 'modifier' }> => term.kind === 'modifier' && term.name === name,
  );
}

export function createMacroContext(session: Session, domain: string): MacroContext {
  const client = session.client;
  return {
    sender: session.query.sender,
    localPart: session.query.localPart,
    senderDomain: session.query.senderDomain,
    domain,
    ipLabels: listAddressLabels(client).join('.'),
    ipText: formatIp(client),
    ipVersionLabel: client.version === 4 ? 'in-addr' : 'ip6',
    helo: session.query.helo,
    receiver: session.query.receiver,
    validatedName: () => computeValidatedName(session, domain),
    now: () => Date.now(),
  };
}

/** Expands a domain-spec already checked by the parser into a query name. */
export async function expandDomainSpec(spec: string, context: MacroContext): Promise<string> {
  const { tokens, error } = tokenizeMacroString(spec);
  if (error) throw new SpfAbort('permerror', `bad macro in "${spec}": ${error.message}`);
  return finishExpandedDomain(await expandMacroTokens(tokens, context));
}

/**
 * RFC 7208 6.2: the exp= text. Any trouble (bad expansion, DNS error, no or several TXT records, bad explanation
 * syntax, non-ASCII) means "as if no exp was given". The lookup counts against no limit.
 */
export async function computeExplanation(
  session: Session,
  terms: SpfTerm[],
  context: MacroContext,
): Promise<string | undefined> {
  const exp = findModifier(terms, 'exp');
  if (!exp) return undefined;
  try {
    const target = await expandDomainSpec(exp.value, context);
    if (!isQueryableDomain(target)) return undefined;
    const answers = await session.resolver(target, 'TXT');
    if (answers.length !== 1) return undefined;
    const text = joinTxt(answers[0] ?? []);
    const { tokens, error } = tokenizeMacroString(text, { explanation: true });
    if (error) return undefined;
    return await expandMacroTokens(tokens, context);
  } catch {
    return undefined;
  }
}
