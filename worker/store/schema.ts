// The D1 schema (drizzle), one module per aggregate under schema/; this index is what drizzle-kit and db.ts read.
// `npm run db:generate -- --name <what>` turns changes into migrations/NNNN_<what>.sql.
export * from './schema/bounces.ts';
export * from './schema/delivery.ts';
export * from './schema/domains.ts';
export * from './schema/inbound.ts';
export * from './schema/probes.ts';
export * from './schema/sending.ts';
export * from './schema/threads.ts';
export * from './schema/tokens.ts';
