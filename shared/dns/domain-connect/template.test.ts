// Validates the shipped Domain Connect template against the public template schema (Domain-Connect/Templates).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findSenderService } from '../senders.ts';

const ttlSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);
const recordBase = { groupId: z.string().optional(), essential: z.string().optional(), host: z.string() };
/** The record shapes of template.schema (Record-A … Record-SRV), the ones this template may use. */
const recordSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...recordBase,
    type: z.literal('MX'),
    pointsTo: z.string(),
    priority: z.number().int(),
    ttl: ttlSchema.optional(),
  }),
  z.strictObject({
    ...recordBase,
    type: z.literal('CNAME'),
    pointsTo: z.string().regex(/[^@]/),
    ttl: ttlSchema.optional(),
  }),
  z.strictObject({
    ...recordBase,
    type: z.literal('TXT'),
    data: z.string(),
    ttl: ttlSchema.optional(),
    txtConflictMatchingMode: z.enum(['None', 'All', 'Prefix']).optional(),
    txtConflictMatchingPrefix: z.string().optional(),
  }),
  z.strictObject({ ...recordBase, type: z.literal('SPFM'), spfRules: z.string() }),
]);
const templateSchema = z.strictObject({
  providerId: z.string(),
  providerName: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  version: z.number().int(),
  logoUrl: z.string().optional(),
  description: z.string(),
  variableDescription: z.string(),
  syncBlock: z.boolean().optional(),
  shared: z.boolean().optional(),
  syncRedirectDomain: z.string().optional(),
  syncPubKeyDomain: z.string().optional(),
  multiInstance: z.boolean().optional(),
  warnPhishing: z.boolean().optional(),
  hostRequired: z.boolean().optional(),
  records: z.array(recordSchema).min(1),
});

const FILE = 'mailgate.io.mailgate.json';
const template = templateSchema.parse(JSON.parse(readFileSync(new URL(`./${FILE}`, import.meta.url), 'utf8')));

describe('Domain Connect template', () => {
  it('is named providerId.serviceId.json, as the template repository requires', () => {
    expect(FILE).toBe(`${template.providerId}.${template.serviceId}.json`);
  });

  it('routes mail to Cloudflare Email Routing with distinct MX priorities', () => {
    const mx = template.records.filter((record) => record.type === 'MX');
    expect(mx.map((record) => record.pointsTo).sort()).toEqual(findSenderService('cloudflare')?.mx?.hosts);
    expect(new Set(mx.map((record) => record.priority)).size).toBe(3);
  });

  it('merges SPF rules with SPFM, never a TXT "v=spf1" that would add a second SPF record', () => {
    const spfm = template.records.filter((record) => record.type === 'SPFM');
    expect(spfm.map((record) => record.spfRules)).toEqual(['include:_spf.mx.cloudflare.net', '%spfrules%']);
    for (const record of spfm) expect(record.spfRules).not.toMatch(/v=spf1|all/);
    expect(template.records.some((record) => record.type === 'TXT' && record.data.startsWith('v=spf1'))).toBe(false);
  });

  it('publishes DKIM as TXT under the selector and replaces an existing DMARC record', () => {
    const txt = template.records.filter((record) => record.type === 'TXT');
    expect(txt.find((record) => record.groupId === 'dkim')).toMatchObject({
      host: '%dkimselector%._domainkey',
      data: 'v=DKIM1; k=rsa; p=%dkimkey%',
    });
    expect(txt.find((record) => record.groupId === 'dmarc')).toMatchObject({
      host: '_dmarc',
      txtConflictMatchingMode: 'Prefix',
      txtConflictMatchingPrefix: 'v=DMARC1',
    });
  });

  it('describes every variable it uses', () => {
    const variables = new Set(
      JSON.stringify(template.records)
        .match(/%[a-z0-9]+%/gi)
        ?.map((variable) => variable.slice(1, -1)),
    );
    expect([...variables].sort()).toEqual(['dkimkey', 'dkimselector', 'dmarcpolicy', 'dmarcrua', 'spfrules']);
    for (const variable of variables) expect(template.variableDescription).toContain(variable);
  });
});
