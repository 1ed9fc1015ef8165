// IONOS (my.ionos.*): a tile per record type, then Host name (`@` for the domain), Value, TTL.
import { createFormAdapter } from './create-form-adapter.ts';

export const ionosAdapter = createFormAdapter({
  id: 'ionos',
  displayName: 'IONOS',
  url: /^https:\/\/my\.ionos\.[a-z.]+\//,
  columns: { type: /^type$/i, name: /^host ?name$/i, value: /^(value|points to)$/i, ttl: /^ttl$/i },
  labels: { type: /^(record )?type$/i, name: /^host ?name$/i, value: /^(value|points to)$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  nameStyle: 'at-relative',
  addButton: /^add record$/i,
});
