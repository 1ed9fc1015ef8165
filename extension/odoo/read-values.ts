// Reads what an Odoo screen currently holds: the alias domain and its catchall/bounce local parts, an outgoing
// server's connection, an incoming server's mailbox. Values are read from the field widgets, never from labels.
import { isShown } from '../registrars/dom/controls.ts';
import { readFieldValue } from './odoo-fields.ts';

export type AliasDomainValues = {
  /** The company's alias domain as shown in General Settings or on the alias domain form (null when empty). */
  aliasDomain: string | null;
  /** Local parts of the mail.alias.domain record, when its form (page or dialog) is on screen; else null. */
  catchall: string | null;
  bounce: string | null;
  /** General Settings' "Custom Email Servers" checkbox; null where the screen does not show it. */
  customEmailServers: boolean | null;
};

/** The visible mail.alias.domain form: a dialog opened from Settings ("Create and edit...") or the record's page. */
export function findAliasDomainForm(doc: Document): Element | null {
  const forms = Array.from(doc.querySelectorAll('.o_form_view')).filter(isShown);
  return (
    forms.find(
      (form) =>
        form.querySelector('.o_field_widget[name=catchall_alias]') &&
        form.querySelector('.o_field_widget[name=bounce_alias]'),
    ) ?? null
  );
}

function emptyToNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

export function readAliasDomainValues(doc: Document): AliasDomainValues {
  const aliasForm = findAliasDomainForm(doc);
  const settingsDomain = emptyToNull(readFieldValue(doc, 'alias_domain_id'));
  const custom = readFieldValue(doc, 'external_email_server_default');
  return {
    aliasDomain: settingsDomain ?? (aliasForm ? emptyToNull(readFieldValue(aliasForm, 'name')) : null),
    catchall: aliasForm ? emptyToNull(readFieldValue(aliasForm, 'catchall_alias')) : null,
    bounce: aliasForm ? emptyToNull(readFieldValue(aliasForm, 'bounce_alias')) : null,
    customEmailServers: custom === null ? null : custom === 'true',
  };
}

export type OutgoingServerValues = {
  name: string | null;
  host: string | null;
  port: number | null;
  /** Odoo's raw selection value: `none`, `starttls`, `ssl` (17/18), or the `_strict` variants of later versions. */
  encryption: string | null;
  fromFilter: string | null;
  authentication: string | null;
};

export function readOutgoingServerValues(doc: Document): OutgoingServerValues {
  const port = Number.parseInt(readFieldValue(doc, 'smtp_port') ?? '', 10);
  return {
    name: emptyToNull(readFieldValue(doc, 'name')),
    host: emptyToNull(readFieldValue(doc, 'smtp_host')),
    port: Number.isFinite(port) ? port : null,
    encryption: emptyToNull(readFieldValue(doc, 'smtp_encryption')),
    fromFilter: emptyToNull(readFieldValue(doc, 'from_filter')),
    authentication: emptyToNull(readFieldValue(doc, 'smtp_authentication')),
  };
}

export type IncomingServerValues = {
  name: string | null;
  serverType: string | null;
  server: string | null;
  user: string | null;
};

export function readIncomingServerValues(doc: Document): IncomingServerValues {
  return {
    name: emptyToNull(readFieldValue(doc, 'name')),
    serverType: emptyToNull(readFieldValue(doc, 'server_type')),
    server: emptyToNull(readFieldValue(doc, 'server')),
    user: emptyToNull(readFieldValue(doc, 'user')),
  };
}
