// Front door of the SPF module (RFC 7208): parse, validate, evaluate, merge, check.
export * from './parse.ts';
export * from './macro.ts';
export * from './ip.ts';
export * from './evaluate.ts';
export * from './lookup-tree.ts';
export * from './validate.ts';
export * from './merge.ts';
export * from './check.ts';
