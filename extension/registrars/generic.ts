// The adapter for any page with an add-record form: it reads the form like a person (see generic/fill-record.ts).
import { createPageAdapter } from './page-adapter.ts';

// Chosen explicitly when no registrar profile matches; never by URL.
export const genericAdapter = createPageAdapter({ id: 'generic', displayName: 'web', url: /^$/ });
