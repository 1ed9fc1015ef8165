// What one email() invocation costs against the platform's per-invocation limits, counted by wrapping the bindings
// the worker receives: D1 queries (calls) and the statements they carry, R2 and Queue operations, fetches (DNS over
// HTTPS) and forwards. Each of these is a subrequest (Workers Free: 50; D1: 50 queries).

export type InvocationCost = {
  d1Queries: number;
  d1Statements: number;
  r2: number;
  queue: number;
  fetch: number;
  forward: number;
};

export function emptyCost(): InvocationCost {
  return { d1Queries: 0, d1Statements: 0, r2: 0, queue: 0, fetch: 0, forward: 0 };
}

export function subrequestsOf(cost: InvocationCost): number {
  return cost.d1Queries + cost.r2 + cost.queue + cost.fetch + cost.forward;
}

const unwrapped = new WeakMap<object, D1PreparedStatement>();

function meterStatement(statement: D1PreparedStatement, cost: InvocationCost): D1PreparedStatement {
  const run = <T>(call: () => Promise<T>) => {
    cost.d1Queries++;
    cost.d1Statements++;
    return call();
  };
  const metered = {
    bind: (...values: unknown[]) => meterStatement(statement.bind(...values), cost),
    first: (column?: string) => run(() => (column === undefined ? statement.first() : statement.first(column))),
    run: () => run(() => statement.run()),
    all: () => run(() => statement.all()),
    raw: (options?: { columnNames?: boolean }) => run(() => statement.raw(options as { columnNames: true })),
  } as unknown as D1PreparedStatement;
  unwrapped.set(metered, statement);
  return metered;
}

function meterD1(db: D1Database, cost: InvocationCost): D1Database {
  return {
    prepare: (query: string) => meterStatement(db.prepare(query), cost),
    batch: (statements: D1PreparedStatement[]) => {
      cost.d1Queries++;
      cost.d1Statements += statements.length;
      return db.batch(statements.map((statement) => unwrapped.get(statement) ?? statement));
    },
    exec: (query: string) => {
      cost.d1Queries++;
      cost.d1Statements++;
      return db.exec(query);
    },
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  } as D1Database;
}

/** Every method call on the binding is one operation (one subrequest). */
function meterCalls<T extends object>(binding: T, count: () => void): T {
  return new Proxy(binding, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        count();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The worker's env with D1, R2 and the delivery queue counted into `cost`. */
export function meterEnv(env: Cloudflare.Env, cost: InvocationCost): Cloudflare.Env {
  return {
    ...env,
    DB: meterD1(env.DB, cost),
    MAIL: meterCalls(env.MAIL, () => cost.r2++),
    DELIVERIES: meterCalls(env.DELIVERIES, () => cost.queue++),
  };
}

/**
 * Counts the global fetch (the worker's DNS-over-HTTPS lookups: the test and the worker share one isolate) until
 * the returned function is called.
 */
export function meterFetch(cost: () => InvocationCost): () => void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    cost().fetch++;
    return realFetch(input, init);
  };
  return () => {
    globalThis.fetch = realFetch;
  };
}
