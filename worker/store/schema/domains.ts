// A domain (tenant) and what configures its routing: aliases, rules, known contacts, and where its data lives.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns.ts';

export const domains = sqliteTable('domains', {
  id: id(),
  /** Lower-case ASCII (IDNA) domain name. */
  name: text('name').notNull().unique(),
  /** Local part of the ERP's catchall (`mail.catchall.alias`): replies come back here. */
  catchall: text('catchall').notNull().default('catchall'),
  /** Local part of the ERP's bounce address (`mail.bounce.alias`). */
  bounce: text('bounce').notNull().default('bounce'),
  /** Subaddress separator (`sales+fair2026@`); the part after it is kept as a tag. */
  subaddressSeparator: text('subaddress_separator').notNull().default('+'),
  /** Mail to an address that is neither catchall, bounce nor an alias: 550, or kept for triage. */
  unknownRecipientPolicy: text('unknown_recipient_policy', { enum: ['reject', 'triage'] })
    .notNull()
    .default('reject'),
  /** Mail sent only to catchall that matches no thread: bounced with an explanation (as Odoo does), or triage. */
  catchallOnlyPolicy: text('catchall_only_policy', { enum: ['bounce', 'triage'] })
    .notNull()
    .default('bounce'),
  /** Thread by normalised subject when References were dropped (Outlook): off by default. */
  subjectFallback: integer('subject_fallback', { mode: 'boolean' }).notNull().default(false),
  /** Forward replies to the followers' own mailboxes with the Email Worker's forward() (verified addresses). */
  forwardRepliesToFollowers: integer('forward_replies_to_followers', { mode: 'boolean' }).notNull().default(false),
  /** What a DMARC failure gets (RFC 7489 6.3 leaves it to the receiver): 550, held for review, or a tag. */
  dmarcFailurePolicy: text('dmarc_failure_policy', { enum: ['reject', 'quarantine', 'tag'] })
    .notNull()
    .default('quarantine'),
  /** What mail flagged as spam gets. */
  spamPolicy: text('spam_policy', { enum: ['quarantine', 'deliver', 'reject'] })
    .notNull()
    .default('quarantine'),
  /** Recipients `POST /api/send` may mail per UTC day for this domain; null: the installation's default. */
  dailySendLimit: integer('daily_send_limit'),
  /** The cron probe raises an alert when no mail arrived for this many minutes; null: no such alert. */
  silenceAlertMinutes: integer('silence_alert_minutes'),
  createdAt: createdAt(),
});

/** The domain a tenant's row belongs to: required, and deleted with the domain. */
export const ownerDomainId = () =>
  text('domain_id')
    .notNull()
    .references(() => domains.id, { onDelete: 'cascade' });

export const aliases = sqliteTable(
  'aliases',
  {
    id: id(),
    domainId: ownerDomainId(),
    /** Lower-case local part without subaddress tag (`sales`). */
    localPart: text('local_part').notNull(),
    action: text('action', { enum: ['record', 'thread', 'odoo', 'forward', 'reject'] }).notNull(),
    /** ERP model for `record` (`crm.lead`, `helpdesk.ticket`, …). */
    model: text('model'),
    policy: text('policy', { enum: ['everyone', 'authenticated', 'known', 'followers'] })
      .notNull()
      .default('everyone'),
    /** JSON object of default values for created records (the ERP's `alias_defaults`). */
    defaults: text('defaults', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** For `forward`: the verified destination address. */
    forwardTo: text('forward_to'),
    /** For `odoo`: the Odoo target to hand the raw mail to. */
    odooTargetId: text('odoo_target_id'),
    /** The text a refused or rejected sender gets (the 550 message). */
    bounceMessage: text('bounce_message'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('aliases_domain_local_part').on(t.domainId, t.localPart)],
);

export const routingRules = sqliteTable(
  'routing_rules',
  {
    id: id(),
    domainId: ownerDomainId(),
    /** Rules run in ascending position; the first `stop` ends the evaluation. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** Each condition is a case-insensitive regular expression; all given conditions must match. */
    matchRecipient: text('match_recipient'),
    matchSender: text('match_sender'),
    matchHeaderName: text('match_header_name'),
    matchHeaderValue: text('match_header_value'),
    matchSubject: text('match_subject'),
    action: text('action', { enum: ['route', 'tag', 'spam', 'drop'] }).notNull(),
    aliasId: text('alias_id').references(() => aliases.id, { onDelete: 'cascade' }),
    tag: text('tag'),
    stop: integer('stop', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('routing_rules_domain_position').on(t.domainId, t.position)],
);

/** Contacts the ERP registered (or mailed through /api/outbound): the `known` contact policy. */
export const contacts = sqliteTable(
  'contacts',
  {
    domainId: ownerDomainId(),
    address: text('address').notNull(),
    name: text('name'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.domainId, t.address] })],
);

/**
 * The control database's directory of where each domain's data lives: the name of the D1 binding that holds its
 * mail (threads, messages, inbound rows, events…) and the configuration the pipeline reads (aliases, rules,
 * targets). A domain without a row lives in the control database itself (binding `DB`). Only the control
 * database's copy of this table is read.
 */
export const domainPlacements = sqliteTable('domain_placements', {
  /** Lower-case ASCII (IDNA) domain name, as in `domains.name`. */
  domainName: text('domain_name').primaryKey(),
  /** A D1 binding of the Worker named in MAILGATE_DATA_BINDINGS. */
  binding: text('binding').notNull(),
  /** `moving`: a move is copying the domain's rows; its mail gets a temporary error (the sender retries). */
  state: text('state', { enum: ['active', 'moving'] })
    .notNull()
    .default('active'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
