// The "Test with mailgate" button of the Outgoing Mail Server overlay: the form's host, port, encryption, username and
// password, tested from the gateway (as Odoo's own Test Connection would, but with the manuals' words for each
// failure and every step shown). Nothing is sent before the admin clicks.
import type { SmtpSecurity, SmtpTestRequest, SmtpTestResult } from '../../shared/api/smtp-test.ts';
import { readFieldValue } from './odoo-fields.ts';
import { element } from './overlay-panel.ts';
import { readOutgoingServerValues } from './read-values.ts';
import type { SmtpTestAnswer } from './smtp-test-request.ts';

/** Odoo's `smtp_encryption` (with the `_strict` variants of later versions) as the gateway's security. */
export function toSmtpSecurity(encryption: string | null): SmtpSecurity {
  if (encryption?.startsWith('ssl')) return 'ssl';
  if (encryption?.startsWith('starttls')) return 'starttls';
  return 'none';
}

/** The test the form describes, or why it cannot be run yet (no host, no port). */
export function readSmtpTestRequest(doc: Document): { request: SmtpTestRequest } | { missing: string } {
  const values = readOutgoingServerValues(doc);
  if (!values.host) return { missing: 'Fill in the SMTP server first.' };
  if (!values.port) return { missing: 'Fill in the port first.' };
  const username = readFieldValue(doc, 'smtp_user') ?? '';
  const password = readFieldValue(doc, 'smtp_pass') ?? '';
  const credentials = username && password ? { username, password } : {};
  return {
    request: { host: values.host, port: values.port, security: toSmtpSecurity(values.encryption), ...credentials },
  };
}

function renderResult(doc: Document, result: SmtpTestResult): HTMLElement {
  const box = element(doc, 'div', { 'data-mailgate-smtp-test': result.outcome });
  box.append(element(doc, 'p', { class: 'status', 'data-tone': result.ok ? 'ok' : 'fail' }, result.message));
  const facts = [
    result.banner ? `Banner: ${result.banner}` : null,
    result.extensions.length ? `Offers: ${result.extensions.join(', ')}` : null,
    result.authMechanisms.length ? `Login mechanisms: ${result.authMechanisms.join(', ')}` : null,
    result.sizeLimit ? `Largest message: ${(result.sizeLimit / 1024 / 1024).toFixed(1)} MiB` : null,
  ].filter((fact): fact is string => fact !== null);
  const list = element(doc, 'ul', { class: 'muted' });
  for (const fact of facts) list.append(element(doc, 'li', {}, fact));
  for (const step of result.steps)
    list.append(element(doc, 'li', {}, `${step.ok ? '✓' : '✗'} ${step.step}: ${step.detail}`));
  box.append(list);
  return box;
}

/** Adds the button and its result area to `container`; `ask` reaches the gateway through the background. */
export function appendSmtpTestButton(
  doc: Document,
  container: HTMLElement,
  ask: (request: SmtpTestRequest) => Promise<SmtpTestAnswer>,
): void {
  const button = element(
    doc,
    'button',
    { type: 'button', class: 'primary', 'data-mailgate-action': 'smtp-test' },
    'Test with mailgate',
  );
  const result = element(doc, 'div', { 'aria-live': 'polite', 'data-mailgate-smtp-result': '' });
  container.append(button, result);
  const runTest = async () => {
    const read = readSmtpTestRequest(doc);
    if ('missing' in read) {
      result.replaceChildren(element(doc, 'p', { class: 'status', 'data-tone': 'warn' }, read.missing));
      return;
    }
    button.disabled = true;
    result.replaceChildren(
      element(doc, 'p', { class: 'muted' }, `Testing ${read.request.host}:${read.request.port} from the gateway…`),
    );
    const answer = await ask(read.request).catch(
      (error: unknown): SmtpTestAnswer => ({ ok: false, error: String(error) }),
    );
    button.disabled = false;
    result.replaceChildren(
      answer.ok
        ? renderResult(doc, answer.result)
        : element(doc, 'p', { class: 'status', 'data-tone': 'fail' }, answer.error),
    );
  };
  // A DOM listener's returned promise is ignored: runTest catches its own failures and shows them.
  button.addEventListener('click', () => void runTest());
}
