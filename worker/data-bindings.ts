// The storage seam: which D1 database holds a domain's data. A small directory in the control database (binding
// DB) names each domain's binding; a domain without an entry lives in the control database itself.
import { createDatabase } from './store/db.ts';
import { CONTROL_BINDING, findPlacement } from './store/placements.ts';

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
 * The database of a sending domain as an Email Service event names it: the apex or a sending subdomain of it
 * (`mail.acme.example` → acme.example's placement). A domain being moved throws: the event is retried later.
 */
export async function resolveSendingDomainData(env: Cloudflare.Env, sourceDomain: string): Promise<DataBinding> {
  const labels = sourceDomain.toLowerCase().split('.');
  for (let start = 0; start < labels.length - 1; start += 1) {
    const candidate = labels.slice(start).join('.');
    const placement = await findPlacement(createDatabase(env.DB), candidate);
    if (placement.state === 'moving')
      throw new DomainMovingError(`${candidate} is being moved to another database: try again later`);
    if (placement.binding !== CONTROL_BINDING) return readDataBinding(env, placement.binding);
  }
  return readDataBinding(env, CONTROL_BINDING);
}
