// Which Odoo screen is shown, read from the DOM: Odoo is self-hosted on any host and its URLs changed between
// versions (17.0 `/web#action=…`, 17.2+ `/odoo/…`), so the URL alone cannot tell. Field names are stable.
import { findFieldWidget } from './odoo-fields.ts';

export type OdooScreen =
  /** General Settings with the "Alias Domain" setting (res.config.settings, field alias_domain_id). */
  | 'settings'
  /** An ir.mail_server form (Outgoing Mail Servers). */
  | 'outgoing-server'
  /** A fetchmail.server form (Incoming Mail Servers). */
  | 'incoming-server'
  /** A mail.alias.domain form (Technical → Alias Domains). */
  | 'alias-domain';

/** True on a page rendered by Odoo's web client (or a fork that kept its class names). */
export function isOdooWebClient(doc: Document): boolean {
  return doc.querySelector('.o_web_client, .o_action_manager') !== null;
}

/** The main action's form view, not a dialog's (dialogs are handled by the screen that opened them). */
function mainFormView(doc: Document): Element | null {
  const forms = Array.from(doc.querySelectorAll('.o_action_manager .o_form_view'));
  return forms.find((form) => form.closest('.modal, .o_dialog') === null) ?? null;
}

export function detectOdooScreen(doc: Document): OdooScreen | null {
  if (!isOdooWebClient(doc)) return null;
  const form = mainFormView(doc);
  if (!form) return null;
  const has = (...fields: string[]) => fields.every((field) => findFieldWidget(form, field) !== null);
  // Settings render every app in one form; only the selected app's blocks are in the DOM (SettingsApp t-if).
  if (form.querySelector('.o_setting_box, .app_settings_block') && has('alias_domain_id')) return 'settings';
  if (has('smtp_host', 'smtp_port')) return 'outgoing-server';
  if (has('server_type', 'is_ssl') && has('server', 'port')) return 'incoming-server';
  if (has('name', 'catchall_alias', 'bounce_alias')) return 'alias-domain';
  return null;
}
