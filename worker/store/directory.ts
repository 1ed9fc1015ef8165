// Loads what routing needs to know about the domains a message is addressed to: policies, aliases, rules.
import { asc, inArray } from 'drizzle-orm';
import type { AliasFacts } from '../inbound/route.ts';
import type { DomainDirectoryEntry } from '../inbound/recipients.ts';
import type { RoutingRule } from '../inbound/rules.ts';
import type { Database } from './db.ts';
import { selectInChunks } from './d1-limits.ts';
import { aliases, domains, routingRules } from './schema.ts';

export type DomainRow = typeof domains.$inferSelect;
export type AliasRow = typeof aliases.$inferSelect;

export type Directory = {
  domainsByName: Map<string, DomainDirectoryEntry & { row: DomainRow }>;
  aliasesById: Map<
    string,
    AliasFacts & { domainId: string; defaults: Record<string, unknown>; odooTargetId: string | null }
  >;
  rulesByDomainId: Map<string, RoutingRule[]>;
};

export function toAliasFacts(row: AliasRow) {
  return {
    id: row.id,
    domainId: row.domainId,
    localPart: row.localPart,
    action: row.action,
    model: row.model,
    policy: row.policy,
    bounceMessage: row.bounceMessage,
    forwardTo: row.forwardTo,
    defaults: row.defaults,
    odooTargetId: row.odooTargetId,
  };
}

/** One round of queries for every domain among `domainNames`; unknown names are simply absent. */
export async function loadDirectory(db: Database, domainNames: string[]): Promise<Directory> {
  const names = [...new Set(domainNames.map((name) => name.toLowerCase()))];
  const directory: Directory = { domainsByName: new Map(), aliasesById: new Map(), rulesByDomainId: new Map() };
  if (names.length === 0) return directory;
  // A message copied to a thousand people names hundreds of domains: only the known ones load anything further.
  const domainRows = await selectInChunks(names, (chunk) =>
    db.select().from(domains).where(inArray(domains.name, chunk)),
  );
  if (domainRows.length === 0) return directory;
  const domainIds = domainRows.map((row) => row.id);
  const [aliasRows, ruleRows] = await Promise.all([
    selectInChunks(domainIds, (chunk) => db.select().from(aliases).where(inArray(aliases.domainId, chunk))),
    selectInChunks(domainIds, (chunk) =>
      db.select().from(routingRules).where(inArray(routingRules.domainId, chunk)).orderBy(asc(routingRules.position)),
    ),
  ]);
  for (const row of domainRows) {
    const aliasIds = new Map(
      aliasRows.filter((alias) => alias.domainId === row.id).map((alias) => [alias.localPart, alias.id] as const),
    );
    directory.domainsByName.set(row.name, {
      name: row.name,
      catchall: row.catchall,
      bounce: row.bounce,
      subaddressSeparator: row.subaddressSeparator,
      aliasIdsByLocalPart: aliasIds,
      row,
    });
    directory.rulesByDomainId.set(
      row.id,
      ruleRows.filter((rule) => rule.domainId === row.id),
    );
  }
  for (const row of aliasRows) directory.aliasesById.set(row.id, toAliasFacts(row));
  return directory;
}
