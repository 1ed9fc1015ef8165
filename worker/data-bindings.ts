// The storage seam: which D1 database holds a domain's data. A small directory in the control database (binding
// DB) names each domain's binding; a domain without an entry lives in the control database itself.
import { createDatabase } from './store/db.ts';
import { copyDomainRows, deleteDomainRows, findDomainId, type TableCount } from './store/domain-move.ts';
import { CONTROL_BINDING, findPlacement, savePlacement } from './store/placements.ts';

export type DataBinding = { binding: string; d1: D1Database };

/** A domain is being moved: its mail must wait (a temporary SMTP error makes the sender retry). */
export class DomainMovingError extends Error {}

function isD1Database(value: unknown): value is D1Database {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as D1Database).prepare === 'function' &&
    typeof (value as D1Database).batch === 'function'
  );
}

/** `DB` first, then the bindings MAILGATE_DATA_BINDINGS lists (comma- or space-separated; binding names keep their case). */
function readDataBindingNames(env: Cloudflare.Env): string[] {
  return [...new Set([CONTROL_BINDING, ...(env.MAILGATE_DATA_BINDINGS ?? '').split(/[\s,]+/).filter(Boolean)])];
}

/** The D1 bindings that may hold domain data. */
export function listDataBindings(env: Cloudflare.Env): DataBinding[] {
  return readDataBindingNames(env).map((binding) => readDataBinding(env, binding));
}

export function readDataBinding(env: Cloudflare.Env, binding: string): DataBinding {
  const listed = readDataBindingNames(env).includes(binding);
  const d1 = (env as unknown as Record<string, unknown>)[binding];
  // A directory entry naming a binding this Worker does not have is a configuration error: thrown, never guessed.
  if (!listed || !isD1Database(d1)) throw new Error(`${binding} is not a D1 binding listed in MAILGATE_DATA_BINDINGS`);
  return { binding, d1 };
}

/** The database that holds a domain's data, from the control database's directory. */
export async function resolveDomainData(env: Cloudflare.Env, domainName: string): Promise<DataBinding> {
  const placement = await findPlacement(createDatabase(env.DB), domainName);
  if (placement.state === 'moving')
    throw new DomainMovingError(`${domainName} is being moved to another database: try again later`);
  return readDataBinding(env, placement.binding);
}

/** The domain of an envelope recipient (`sales+tag@Acme.example` → `acme.example`). */
export function readRecipientDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Moves a domain's data to another database: marks it moving (its mail is deferred, not lost), copies every row,
 * checks the counts, flips the directory, then deletes the source's rows. A move cut short leaves the domain
 * `moving` in the old place with a partial copy; running it again finishes it.
 */
export async function moveDomain(
  env: Cloudflare.Env,
  domainName: string,
  targetBinding: string,
  now: () => Date,
): Promise<TableCount[]> {
  const control = createDatabase(env.DB);
  const placement = await findPlacement(control, domainName);
  const source = readDataBinding(env, placement.binding);
  const target = readDataBinding(env, targetBinding);
  if (source.binding === target.binding) throw new Error(`${domainName} already lives in ${targetBinding}`);
  const domainId = await findDomainId(source.d1, domainName);
  if (!domainId) throw new Error(`${domainName} is not a domain of ${source.binding}`);
  await savePlacement(control, domainName, { binding: source.binding, state: 'moving' }, now());
  const counts = await copyDomainRows(source.d1, target.d1, domainId);
  const short = counts.filter((count) => count.target < count.source);
  if (short.length > 0)
    throw new Error(
      `copy of ${domainName} incomplete: ${short.map((c) => `${c.table} ${c.target}/${c.source}`).join(', ')}`,
    );
  await savePlacement(control, domainName, { binding: target.binding, state: 'active' }, now());
  await deleteDomainRows(source.d1, domainId, { keepDomainRow: source.binding === CONTROL_BINDING });
  return counts;
}
