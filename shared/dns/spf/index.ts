// Front door of the SPF module (RFC 7208): parse, validate, evaluate, merge, check.
export * from './parse.ts';
export * from './macro.ts';
export * from './ip.ts';
export * from './evaluate.ts';
