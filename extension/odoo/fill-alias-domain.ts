// "Use mailgate" on Odoo's alias domain: chooses (or creates) the alias domain in General Settings and writes the
// catchall and bounce local parts on its mail.alias.domain record, the form Odoo opens in a dialog. Nothing is saved:
// the admin checks the values and clicks Save, as with every other form mailgate fills.
import { clickLikeUser, waitForElement } from '../registrars/dom/set-control-value.ts';
import { isShown } from '../registrars/dom/controls.ts';
import { emptyOutcome, fillTextField, typeIntoAutocomplete, type FillOutcome } from './fill-fields.ts';
import { findFieldWidget, readFieldValue } from './odoo-fields.ts';
import { findAliasDomainForm } from './read-values.ts';

export type AliasDomainTarget = {
  /** The domain mailgate receives mail for, e.g. `example.com`. */
  domain: string;
  catchall: string;
  bounce: string;
};

/** Odoo's defaults (mail.alias.domain), which mailgate uses too when no gateway says otherwise. */
export const ODOO_DEFAULT_LOCAL_PARTS = { catchall: 'catchall', bounce: 'bounce' } as const;

/** How long Odoo may take to show its autocomplete options or open a dialog (an RPC each time). */
const ODOO_RENDER_WAIT_MS = 3000;

function optionText(option: Element): string {
  return (option.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function visibleOptions(widget: Element): HTMLElement[] {
  return Array.from(
    widget.querySelectorAll<HTMLElement>(
      '.o-autocomplete--dropdown-menu [role=option], .o-autocomplete--dropdown-item > a',
    ),
  ).filter(isShown);
}

function fillAliasForm(form: Element, target: AliasDomainTarget, outcome: FillOutcome): void {
  const currentName = (readFieldValue(form, 'name') ?? '').toLowerCase();
  if (currentName !== '' && currentName !== target.domain) {
    // Renaming a live alias domain would orphan every reply address already sent (Odoo's docs warn about it).
    outcome.problems.push(
      `This alias domain is ${currentName}, not ${target.domain}: open or create ${target.domain} instead`,
    );
    return;
  }
  const nameChosenAlready = outcome.filled.some((label) => label.startsWith('alias domain'));
  fillTextField(form, 'name', target.domain, nameChosenAlready ? 'alias domain name' : 'alias domain', outcome);
  fillTextField(form, 'catchall_alias', target.catchall, 'catchall', outcome);
  fillTextField(form, 'bounce_alias', target.bounce, 'bounce', outcome);
}

/** Chooses `domain` in the many2one, or starts creating it; resolves once the alias domain form is on screen. */
async function openAliasDomainRecord(
  doc: Document,
  widget: HTMLElement,
  domain: string,
  outcome: FillOutcome,
): Promise<Element | null> {
  const input = widget.querySelector<HTMLInputElement>('input.o-autocomplete--input, input');
  if (!input) {
    outcome.problems.push('Alias Domain: the field is read-only here');
    return null;
  }
  if (input.value.trim().toLowerCase() !== domain) {
    typeIntoAutocomplete(input, domain);
    const options = await waitForElement(() => {
      const shown = visibleOptions(widget);
      return shown.length > 0 ? shown : null;
    }, ODOO_RENDER_WAIT_MS);
    if (!options) {
      outcome.problems.push('Alias Domain: Odoo showed no choices for the domain');
      return null;
    }
    const existing = options.find((option) => optionText(option).toLowerCase() === domain);
    // "Create and edit..." opens the alias domain form, so catchall and bounce can be set before it is created.
    const createAndEdit = options.find((option) => /create and edit/i.test(optionText(option)));
    const choice = existing ?? createAndEdit;
    if (!choice) {
      outcome.problems.push(`Alias Domain: ${domain} is not offered and this Odoo cannot create it from here`);
      return null;
    }
    clickLikeUser(choice);
    outcome.filled.push(existing ? 'alias domain' : 'alias domain (new)');
  }
  const alreadyOpen = findAliasDomainForm(doc);
  if (!alreadyOpen) {
    // The record exists: its "Internal link" opens the same form in a dialog.
    const internalLink = widget.querySelector<HTMLElement>('.o_external_button');
    if (internalLink) clickLikeUser(internalLink);
  }
  const form = await waitForElement(() => findAliasDomainForm(doc), ODOO_RENDER_WAIT_MS);
  if (!form) outcome.problems.push('catchall and bounce: open the alias domain (arrow next to it) to set them');
  return form;
}

export async function fillAliasDomain(doc: Document, target: AliasDomainTarget): Promise<FillOutcome> {
  const outcome = emptyOutcome();
  const normalized = { ...target, domain: target.domain.trim().toLowerCase() };
  const settingsWidget = findFieldWidget(doc, 'alias_domain_id');
  const form = settingsWidget
    ? (findAliasDomainForm(doc) ?? (await openAliasDomainRecord(doc, settingsWidget, normalized.domain, outcome)))
    : findAliasDomainForm(doc);
  if (form) fillAliasForm(form, normalized, outcome);
  else if (!settingsWidget) outcome.problems.push('no alias domain field on this screen');
  return outcome;
}
