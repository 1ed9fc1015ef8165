// The values of a `record.requested` event: what an ERP needs to create the record in one step.
import type { ParsedMail } from '../parse.ts';

/**
 * Field names of the Odoo models aliases usually create (`mail.thread.message_new` fills the same ones), so an
 * Odoo-side handler can pass `values` straight to `create`. Other models get the generic names only.
 */
const ODOO_FIELDS: Record<string, { title: string; email: string; description: string }> = {
  'crm.lead': { title: 'name', email: 'email_from', description: 'description' },
  'helpdesk.ticket': { title: 'name', email: 'partner_email', description: 'description' },
  'project.task': { title: 'name', email: 'email_from', description: 'description' },
  'hr.applicant': { title: 'partner_name', email: 'email_from', description: 'description' },
};

export type RecordValues = Record<string, unknown>;

export function buildRecordValues(input: {
  model: string | null;
  defaults: Record<string, unknown>;
  mail: ParsedMail;
  replyText: string;
  tags: string[];
  attachments: { id: string; filename: string | null; contentType: string; size: number; url: string }[];
}): RecordValues {
  const title = input.mail.subject?.trim() || `Message from ${input.mail.from?.address ?? 'unknown sender'}`;
  const generic: RecordValues = {
    title,
    sender: input.mail.from,
    description: input.replyText,
    tags: input.tags,
    attachments: input.attachments,
  };
  const fields = input.model ? ODOO_FIELDS[input.model] : undefined;
  const modelValues: RecordValues = fields
    ? {
        [fields.title]: input.model === 'hr.applicant' ? (input.mail.from?.name ?? title) : title,
        [fields.email]: input.mail.from?.address ?? null,
        [fields.description]: input.replyText,
      }
    : {};
  // Alias defaults win over what the mail says (Odoo's alias_defaults: a team, a stage, a project).
  return { ...generic, ...modelValues, ...input.defaults };
}
