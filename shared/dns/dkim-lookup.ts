// Looks up a DKIM selector's key record, following CNAME delegation (RFC 6376 3.6.2.1).
import { DnsError, isNoRecord, type Resolver } from './resolver.ts';
import { formatDkimName } from './dkim-record.ts';
import { joinTxt } from './txt.ts';

/** CNAME hops followed when the resolver does not follow them itself (RFC 1034 3.6.2: chains, not loops). */
const MAX_CNAME_HOPS = 5;

export type DkimLookup = {
  name: string;
  /** CNAME hops from the selector name, in order (empty when the TXT is published directly). */
  cnameChain: string[];
  /** Each TXT record found at the end of the chain, its character-strings joined (RFC 6376 3.6.2.2). */
  txtRecords: string[];
  /** A DNS failure other than "no such record". */
  error: DnsError | null;
};
/** Looks up `<selector>._domainkey.<domain>` as TXT, and as CNAME in parallel to report (and follow) delegation. */
export async function lookupDkim(domain: string, selector: string, resolver: Resolver): Promise<DkimLookup> {
  const name = formatDkimName(selector, domain);
  const cnameChain: string[] = [];
  const [txtAnswer, cnameAnswer] = await Promise.allSettled([resolver(name, 'TXT'), resolver(name, 'CNAME')]);
  if (cnameAnswer.status === 'fulfilled' && cnameAnswer.value[0]) cnameChain.push(cnameAnswer.value[0]);
  if (txtAnswer.status === 'fulfilled')
    return { name, cnameChain, txtRecords: txtAnswer.value.map(joinTxt), error: null };
  if (!isNoRecord(txtAnswer.reason) || cnameChain.length === 0) {
    return {
      name,
      cnameChain,
      txtRecords: [],
      error: isNoRecord(txtAnswer.reason) ? null : asDnsError(txtAnswer.reason, name),
    };
  }
  // The resolver did not follow the CNAME for us (a zone stub): follow it hop by hop.
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const target = cnameChain[cnameChain.length - 1] ?? name;
    const [txt, next] = await Promise.allSettled([resolver(target, 'TXT'), resolver(target, 'CNAME')]);
    if (txt.status === 'fulfilled') return { name, cnameChain, txtRecords: txt.value.map(joinTxt), error: null };
    if (!isNoRecord(txt.reason)) return { name, cnameChain, txtRecords: [], error: asDnsError(txt.reason, target) };
    const nextTarget = next.status === 'fulfilled' ? next.value[0] : undefined;
    if (!nextTarget || nextTarget === name || cnameChain.includes(nextTarget)) break;
    cnameChain.push(nextTarget);
  }
  return { name, cnameChain, txtRecords: [], error: null };
}

function asDnsError(error: unknown, name: string): DnsError {
  return error instanceof DnsError ? error : new DnsError('ESERVFAIL', name, 'TXT');
}
