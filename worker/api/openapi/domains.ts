// The OpenAPI operations of alias domains, their DNS report, routing rules and aliases.
import {
  aliasSchema,
  createAliasSchema,
  createRuleSchema,
  updateAliasSchema,
  updateDomainSchema,
} from '../../../shared/api/aliases.ts';
import { domainReportSchema } from '../../../shared/api/dns.ts';
import { createDomainSchema, domainSchema } from '../../../shared/api/domains.ts';
import { list, type Operations } from './operation.ts';

export const domainOperations: Operations = {
  '/api/domains': {
    get: { summary: 'List alias domains.', response: list(domainSchema) },
    post: { summary: 'Add an alias domain.', request: createDomainSchema, response: domainSchema },
  },
  '/api/domains/{name}': {
    get: { summary: "A domain's settings and policies." },
    patch: {
      summary: 'Change policies: unknown recipients, catchall-only mail, subject fallback, DMARC, spam.',
      request: updateDomainSchema,
    },
  },
  '/api/domains/{name}/dns': {
    get: {
      summary: "Check the domain's MX, SPF, DKIM and DMARC records and compute the fixes.",
      response: domainReportSchema,
    },
  },
  '/api/domains/{name}/rules': {
    get: { summary: 'Routing rules, in evaluation order.' },
    post: { summary: 'Add a routing rule.', request: createRuleSchema },
  },
  '/api/domains/{name}/rules/{id}': { delete: { summary: 'Remove a routing rule.' } },
  '/api/aliases': {
    get: { summary: 'List aliases.' },
    post: {
      summary: "Create an alias. An `odooTargetId` must be an Odoo target of the alias's own domain (400 otherwise).",
      request: createAliasSchema,
      response: aliasSchema,
    },
  },
  '/api/aliases/{id}': {
    patch: {
      summary: "Change an alias (the same rules as creation: an Odoo target of the alias's own domain).",
      request: updateAliasSchema,
      response: aliasSchema,
    },
    delete: { summary: 'Delete an alias.' },
  },
};
