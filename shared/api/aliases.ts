// Wire shapes of aliases (`/api/aliases`) and routing rules (`/api/domains/:name/rules`).
import { z } from 'zod';

export const aliasActionSchema = z.enum(['record', 'thread', 'odoo', 'forward', 'reject']);
export const aliasPolicySchema = z.enum(['everyone', 'authenticated', 'known', 'followers']);

const aliasFields = {
  action: aliasActionSchema,
  /** ERP model for `record` (`crm.lead`, `helpdesk.ticket`, `project.task`, `hr.applicant`, …). */
  model: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'an ERP model name such as crm.lead')
    .nullable()
    .optional(),
  policy: aliasPolicySchema.default('everyone'),
  defaults: z.record(z.string(), z.unknown()).default({}),
  forwardTo: z.email().nullable().optional(),
  odooTargetId: z.string().nullable().optional(),
  bounceMessage: z.string().max(500).nullable().optional(),
};

function requireActionFields(
  value: { action?: string; model?: string | null; forwardTo?: string | null },
  ctx: z.RefinementCtx,
) {
  if (value.action === 'record' && !value.model) {
    ctx.addIssue({
      code: 'custom',
      path: ['model'],
      message: 'an alias with action "record" needs the model it creates',
    });
  }
  if (value.action === 'forward' && !value.forwardTo) {
    ctx.addIssue({ code: 'custom', path: ['forwardTo'], message: 'an alias with action "forward" needs forwardTo' });
  }
}

export const createAliasSchema = z
  .object({ address: z.email().transform((address) => address.toLowerCase()), ...aliasFields })
  .superRefine(requireActionFields);

export const updateAliasSchema = z
  .object({
    action: aliasFields.action.optional(),
    model: aliasFields.model,
    policy: aliasPolicySchema.optional(),
    defaults: z.record(z.string(), z.unknown()).optional(),
    forwardTo: aliasFields.forwardTo,
    odooTargetId: aliasFields.odooTargetId,
    bounceMessage: aliasFields.bounceMessage,
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

export const aliasSchema = z.object({
  id: z.string(),
  address: z.string(),
  domain: z.string(),
  localPart: z.string(),
  action: aliasActionSchema,
  model: z.string().nullable(),
  policy: aliasPolicySchema,
  defaults: z.record(z.string(), z.unknown()),
  forwardTo: z.string().nullable(),
  odooTargetId: z.string().nullable(),
  bounceMessage: z.string().nullable(),
  createdAt: z.string(),
});
export type AliasJson = z.infer<typeof aliasSchema>;

export const ruleActionSchema = z.enum(['route', 'tag', 'spam', 'drop']);

export const createRuleSchema = z
  .object({
    name: z.string().min(1).max(100),
    position: z.number().int().min(0).optional(),
    matchRecipient: z.string().max(500).nullable().optional(),
    matchSender: z.string().max(500).nullable().optional(),
    matchHeaderName: z.string().max(100).nullable().optional(),
    matchHeaderValue: z.string().max(500).nullable().optional(),
    matchSubject: z.string().max(500).nullable().optional(),
    action: ruleActionSchema,
    /** For `route`: the alias (address or id) the mail goes to. */
    alias: z.string().nullable().optional(),
    tag: z.string().max(64).nullable().optional(),
    stop: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.action === 'route' && !value.alias)
      ctx.addIssue({ code: 'custom', path: ['alias'], message: 'a "route" rule needs an alias' });
    if (value.action === 'tag' && !value.tag)
      ctx.addIssue({ code: 'custom', path: ['tag'], message: 'a "tag" rule needs a tag' });
  });

export const updateDomainSchema = z
  .object({
    catchall: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{1,64}$/)
      .optional(),
    bounce: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{1,64}$/)
      .optional(),
    subaddressSeparator: z.enum(['+', '-', '=', '_']).optional(),
    unknownRecipientPolicy: z.enum(['reject', 'triage']).optional(),
    catchallOnlyPolicy: z.enum(['bounce', 'triage']).optional(),
    subjectFallback: z.boolean().optional(),
    forwardRepliesToFollowers: z.boolean().optional(),
    dmarcFailurePolicy: z.enum(['reject', 'quarantine', 'tag']).optional(),
    spamPolicy: z.enum(['quarantine', 'deliver', 'reject']).optional(),
    /** Recipients `POST /api/send` may mail per UTC day (installation-wide admin only); null: the installation's default. */
    dailySendLimit: z.number().int().min(0).max(10_000_000).nullable().optional(),
    /** Alert when no mail arrived for this many minutes (5 min to 90 days); null turns the alert off. */
    silenceAlertMinutes: z
      .number()
      .int()
      .min(5)
      .max(90 * 24 * 60)
      .nullable()
      .optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');
