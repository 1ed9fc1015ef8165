// An alias being written in the console: the draft the form edits, and the changes it sends to the API.
import type { InputHTMLAttributes } from 'preact';
import type { z } from 'zod';
import type { aliasActionSchema, aliasPolicySchema, AliasJson } from '../../shared/api/aliases.ts';
import type { UpdateAliasInput } from '../gateway/api-client.ts';

export type AliasAction = z.infer<typeof aliasActionSchema>;
export type AliasPolicy = z.infer<typeof aliasPolicySchema>;

export type AliasDraft = {
  action: AliasAction;
  model: string;
  policy: AliasPolicy;
  forwardTo: string;
  odooTargetId: string;
  bounceMessage: string;
};

/** The draft's one field an action needs, as the form shows it. */
export type ActionField = {
  key: 'model' | 'forwardTo' | 'odooTargetId' | 'bounceMessage';
  label: string;
  /** The input's id after the form's prefix. */
  idSuffix: string;
  /** Its other attributes: the input type, a placeholder. */
  attributes?: InputHTMLAttributes;
};

/** Each action's own field: `thread` needs none. */
export const ACTION_FIELDS: Partial<Record<AliasAction, ActionField>> = {
  record: { key: 'model', label: 'ERP model', idSuffix: 'model', attributes: { placeholder: 'crm.lead' } },
  forward: { key: 'forwardTo', label: 'Forward to', idSuffix: 'forward', attributes: { type: 'email' } },
  odoo: { key: 'odooTargetId', label: 'Odoo target id', idSuffix: 'odoo', attributes: { placeholder: 'odo_…' } },
  reject: { key: 'bounceMessage', label: 'Rejection message', idSuffix: 'bounce' },
};

export const emptyDraft: AliasDraft = {
  action: 'record',
  model: '',
  policy: 'everyone',
  forwardTo: '',
  odooTargetId: '',
  bounceMessage: '',
};

export function draftOf(alias: AliasJson): AliasDraft {
  return {
    action: alias.action,
    model: alias.model ?? '',
    policy: alias.policy,
    forwardTo: alias.forwardTo ?? '',
    odooTargetId: alias.odooTargetId ?? '',
    bounceMessage: alias.bounceMessage ?? '',
  };
}

/** The fields an action uses, the others null: a record alias turned into a thread alias drops its model. */
export function changesOf(draft: AliasDraft): UpdateAliasInput {
  const valueFor = (action: AliasAction, key: ActionField['key']) =>
    draft.action === action ? draft[key].trim() || null : null;
  return {
    action: draft.action,
    policy: draft.policy,
    model: valueFor('record', 'model'),
    forwardTo: valueFor('forward', 'forwardTo'),
    odooTargetId: valueFor('odoo', 'odooTargetId'),
    bounceMessage: valueFor('reject', 'bounceMessage'),
  };
}
