// Moving a domain's data to another D1 database, in steps that each fit one Worker invocation and resume where the
// last one stopped. While rows are copied the directory says `moving`: the domain's new mail gets a temporary error
// (senders retry, nothing is lost) and the API refuses writes to it (503), so the copy is of a still database.
import type { DomainMoveJson } from '../shared/api/domain-move.ts';
import { readDataBinding, type DataBinding } from './data-bindings.ts';
import { createDatabase } from './store/db.ts';
import {
  copyDomainPage,
  countDomainRows,
  findStaleInboundCopy,
  deleteDomainPage,
  DOMAIN_TABLE_COUNT,
  findDomainId,
  type TableCount,
} from './store/domain-move.ts';
import { CONTROL_BINDING, findPlacement, savePlacement, type Placement } from './store/placements.ts';
import type { MoveCursor } from './store/schema.ts';

/** Bad input for a move (unknown domain, binding, a move to elsewhere under way): the API answers 400 or 409. */
export class DomainMoveError extends Error {
  readonly kind: 'invalid' | 'conflict';
  constructor(message: string, kind: 'invalid' | 'conflict') {
    super(message);
    this.kind = kind;
  }
}

/** Queries a step keeps in hand for what follows a page: the counts (2 batches), the stale check (2), the directory (2). */
const RESERVED_QUERIES = 8;
/** A copied page costs its column lookup, its read and its batch. */
const COPY_PAGE_QUERIES = 3;

type MoveStep = { domainName: string; domainId: string; source: DataBinding; target: DataBinding; now: () => Date };

/** What a move would copy, counted in the database the domain lives in; nothing is changed. */
export async function planDomainMove(env: Cloudflare.Env, domainName: string, targetBinding: string) {
  const { step, placement } = await prepareMove(env, domainName, targetBinding, () => new Date());
  if (placement.state === 'moving' || placement.moveFrom)
    throw new DomainMoveError(`${domainName} is already being moved: run the move to finish it`, 'conflict');
  const counts = await countDomainRows(step.source.d1, step.source.d1, step.domainId);
  return toJson(
    step,
    'planned',
    counts.map(({ table, source }) => ({ table, source, target: null })),
    3,
  );
}

/**
 * Runs the move of a domain for at most `maxQueries` D1 queries and says where it stands. Call it again until it
 * answers `done`: each call resumes from the cursor the directory keeps (copies are upserts, deletes are by
 * condition, so a step cut short and run again does no harm).
 */
export async function advanceDomainMove(
  env: Cloudflare.Env,
  domainName: string,
  targetBinding: string,
  options: { maxQueries: number; now: () => Date },
): Promise<DomainMoveJson> {
  const { step, placement } = await prepareMove(env, domainName, targetBinding, options.now);
  const control = createDatabase(env.DB);
  let queries = 3;
  const spend = (count: number) => {
    queries += count;
  };
  const fits = (count: number) => queries + count + RESERVED_QUERIES <= options.maxQueries;
  const save = async (next: Placement) => {
    await savePlacement(control, domainName, next, step.now());
    spend(1);
  };

  let cursor: MoveCursor = placement.moveCursor ?? { phase: 'copy', table: 0, afterRowid: 0 };
  if (placement.state === 'active' && !placement.moveFrom) {
    // A new move: from now on the domain's mail waits (temporary errors) until the directory flips.
    await save({ binding: step.source.binding, state: 'moving', moveTo: step.target.binding, moveCursor: cursor });
  }

  if (cursor.phase === 'copy') {
    let restarted = false;
    while (cursor.table < DOMAIN_TABLE_COUNT && fits(COPY_PAGE_QUERIES)) {
      const last = await copyDomainPage(
        step.source.d1,
        step.target.d1,
        cursor.table,
        step.domainId,
        cursor.afterRowid,
      ).catch((error: unknown) => {
        // A row whose parent is newer than its table's copy (an attempt that began before the move wrote a thread
        // and its messages mid-copy): start again from the first table, parents first; upserts make it harmless.
        if (!String(error).includes('FOREIGN KEY constraint failed')) throw error;
        return 'restart' as const;
      });
      spend(COPY_PAGE_QUERIES);
      if (last === 'restart') {
        // Twice in one step means no write in flight explains it: stop rather than go round for ever.
        if (restarted) throw new Error(`copy of ${domainName}: a row still lacks its parent after a restart`);
        restarted = true;
        cursor = { phase: 'copy', table: 0, afterRowid: 0 };
      } else if (last === null) cursor = { ...cursor, table: cursor.table + 1, afterRowid: 0 };
      else cursor = { ...cursor, afterRowid: last };
    }
    if (cursor.table < DOMAIN_TABLE_COUNT) {
      await save({ binding: step.source.binding, state: 'moving', moveTo: step.target.binding, moveCursor: cursor });
      return toJson(step, 'copying', null, queries);
    }
    const counts = await countDomainRows(step.source.d1, step.target.d1, step.domainId);
    spend(2);
    let short = counts.findIndex((count) => count.target < count.source);
    if (short < 0) {
      short = await findStaleInboundCopy(step.source.d1, step.target.d1, step.domainId);
      spend(2);
    }
    if (short >= 0) {
      // Rows written or settled in the source after their table was copied (an attempt that began before the move):
      // copy that table again, and every table after it, on the next call.
      cursor = { phase: 'copy', table: short, afterRowid: 0 };
      await save({ binding: step.source.binding, state: 'moving', moveTo: step.target.binding, moveCursor: cursor });
      return toJson(step, 'copying', counts, queries);
    }
    // The flip: from here the domain's mail is filed in the target; the source's copy is deleted next.
    cursor = { phase: 'delete', table: DOMAIN_TABLE_COUNT - 1, afterRowid: 0 };
    await save({ binding: step.target.binding, state: 'active', moveFrom: step.source.binding, moveCursor: cursor });
    if (!fits(1)) return toJson(step, 'deleting', counts, queries);
    return finishDeleting(step, cursor, { save, spend, fits, queries: () => queries, counts });
  }
  return finishDeleting(step, cursor, { save, spend, fits, queries: () => queries, counts: null });
}

/** Deletes the source's rows, children first, as far as the step's queries allow; clears the move when done. */
async function finishDeleting(
  step: MoveStep,
  start: MoveCursor,
  budget: {
    save: (next: Placement) => Promise<void>;
    spend: (count: number) => void;
    fits: (count: number) => boolean;
    queries: () => number;
    counts: TableCount[] | null;
  },
): Promise<DomainMoveJson> {
  let cursor = start;
  const keepDomainRow = step.source.binding === CONTROL_BINDING;
  while (cursor.table >= 0 && budget.fits(1)) {
    const deleted = await deleteDomainPage(step.source.d1, cursor.table, step.domainId, { keepDomainRow });
    budget.spend(1);
    if (deleted === 0) cursor = { ...cursor, table: cursor.table - 1 };
  }
  const flipped = { binding: step.target.binding, state: 'active' as const };
  if (cursor.table >= 0) {
    await budget.save({ ...flipped, moveFrom: step.source.binding, moveCursor: cursor });
    return toJson(step, 'deleting', budget.counts, budget.queries());
  }
  await budget.save(flipped);
  return toJson(step, 'done', budget.counts, budget.queries());
}

/** The move's two databases and the domain's id, from the directory; refuses what cannot be done. */
async function prepareMove(
  env: Cloudflare.Env,
  domainName: string,
  targetBinding: string,
  now: () => Date,
): Promise<{ step: MoveStep; placement: Placement }> {
  const name = domainName.toLowerCase();
  const placement = await findPlacement(createDatabase(env.DB), name);
  const target = readBindingOrRefuse(env, targetBinding);
  // Under way: moving (still in the source) or deleting (already in the target) must go on to the same target.
  const underWayTo = placement.state === 'moving' ? placement.moveTo : placement.moveFrom ? placement.binding : null;
  if (underWayTo && underWayTo !== target.binding)
    throw new DomainMoveError(`${name} is being moved to ${underWayTo}: finish that move first`, 'conflict');
  const sourceBinding = placement.moveFrom ?? placement.binding;
  if (!underWayTo && sourceBinding === target.binding)
    throw new DomainMoveError(`to: ${name} already lives in ${target.binding}`, 'invalid');
  const source = readBindingOrRefuse(env, sourceBinding);
  // After the flip the source may have lost its copy of the domain row: the target's holds the id then.
  const domainId = (await findDomainId(source.d1, name)) ?? (await findDomainId(target.d1, name));
  if (!domainId) throw new DomainMoveError(`${name} is not a domain of this gateway`, 'invalid');
  return { step: { domainName: name, domainId, source, target, now }, placement };
}

function readBindingOrRefuse(env: Cloudflare.Env, binding: string): DataBinding {
  try {
    return readDataBinding(env, binding);
  } catch (error) {
    throw new DomainMoveError(`to: ${(error as Error).message}`, 'invalid');
  }
}

function toJson(
  step: MoveStep,
  state: DomainMoveJson['state'],
  tables: DomainMoveJson['tables'],
  queries: number,
): DomainMoveJson {
  return { domain: step.domainName, from: step.source.binding, to: step.target.binding, state, tables, queries };
}
