// GoDaddy DNS Management (dcc.godaddy.com): `@` for the apex, TTLs in words, TXT values up to 1024 characters.
import { createFormAdapter } from './create-form-adapter.ts';

export const godaddyAdapter = createFormAdapter({
  id: 'godaddy',
  displayName: 'GoDaddy',
  url: /^https:\/\/dcc\.godaddy\.com\//,
  columns: { type: /^type$/i, name: /^name$/i, value: /^(data|value)$/i, ttl: /^ttl$/i },
  labels: { type: /^type$/i, name: /^name$/i, value: /^(value|points to|data)$/i, ttl: /^ttl$/i, priority: /^priority$/i },
  nameStyle: 'at-relative',
  addButton: /^add (new )?record$/i,
});
