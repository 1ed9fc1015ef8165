// The overlay on General Settings (and on an alias domain form): on the admin's click, the gateway's status for the
// alias domain; then "Use mailgate", which sets the alias domain and its catchall/bounce local parts from the gateway.
import { domainNameSchema } from '../../shared/api/domains.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { showText } from '../content/shadow-text.ts';
import { fillAliasDomain, ODOO_DEFAULT_LOCAL_PARTS, type AliasDomainTarget } from './fill-alias-domain.ts';
import type { GatewayDomain, GatewayStatus } from './gateway-status.ts';
import type { OverlayContext } from './overlay-context.ts';
import { element, renderOutcome } from './overlay-panel.ts';
import { readAliasDomainValues } from './read-values.ts';

const DNS_WORDS = {
  ok: 'DNS records: all good.',
  warn: 'DNS records: to improve',
  fail: 'DNS records: to fix',
} as const;

function describeDns(status: Extract<GatewayStatus, { connected: true }>): { tone: string; text: string } {
  if (!status.dns)
    return { tone: 'warn', text: `DNS records: not checked${status.error ? ` (${status.error})` : ''}.` };
  if (status.dns.status === 'ok') return { tone: 'ok', text: DNS_WORDS.ok };
  return {
    tone: status.dns.status,
    text: `${DNS_WORDS[status.dns.status]} (${status.dns.failing.join(', ')}). Open the mailgate popup on this domain for the exact records.`,
  };
}

/** The target "Use mailgate" fills: the chosen gateway domain, or the admin's domain with Odoo's defaults. */
type TargetSource = () => AliasDomainTarget | string;

function renderConnected(
  ctx: OverlayContext,
  into: HTMLElement,
  status: Extract<GatewayStatus, { connected: true }>,
  odooDomain: string | null,
): TargetSource {
  const { doc } = ctx;
  if (!status.domain) {
    into.append(
      element(
        doc,
        'p',
        { class: 'status', 'data-tone': 'fail' },
        status.error
          ? `The gateway ${status.origin} could not be read: ${status.error}.`
          : `The gateway ${status.origin} receives no domain yet: add one (POST /api/domains) first.`,
      ),
    );
    return () => 'The gateway has no domain to use.';
  }
  let chosen: GatewayDomain = status.domain;
  const summary = element(doc, 'p', { 'data-mailgate-gateway-domain': chosen.name });
  const describeChosen = () => {
    showText(
      summary,
      `The gateway ${status.origin} receives ${chosen.name}: replies to ${chosen.catchall}@${chosen.name}, bounces to ${chosen.bounce}@${chosen.name}.`,
    );
    summary.setAttribute('data-mailgate-gateway-domain', chosen.name);
  };
  describeChosen();
  into.append(summary);
  if (status.domains.length > 1) {
    const select = element(doc, 'select', { 'aria-label': 'Gateway domain', 'data-mailgate-input': 'gateway-domain' });
    for (const domain of status.domains) {
      const option = element(doc, 'option', { value: domain.name }, domain.name);
      option.selected = domain.name === chosen.name;
      select.append(option);
    }
    select.addEventListener('change', () => {
      chosen = status.domains.find((domain) => domain.name === select.value) ?? chosen;
      describeChosen();
    });
    into.append(element(doc, 'label', {}, 'Domain'), select);
  }
  if (odooDomain && !status.matchesRequest) {
    into.append(element(doc, 'p', { class: 'muted' }, `Odoo's alias domain ${odooDomain} is not on the gateway.`));
  }
  const dns = describeDns(status);
  into.append(
    element(
      doc,
      'p',
      { class: 'status', 'data-tone': dns.tone, 'data-mailgate-dns': status.dns?.status ?? 'unknown' },
      dns.text,
    ),
  );
  return () => ({ domain: chosen.name, catchall: chosen.catchall, bounce: chosen.bounce });
}

function renderDisconnected(
  ctx: OverlayContext,
  into: HTMLElement,
  odooDomain: string | null,
  error?: string,
): TargetSource {
  const { doc } = ctx;
  into.append(
    element(
      doc,
      'p',
      { class: 'status', 'data-tone': 'warn', 'data-mailgate-gateway': 'disconnected' },
      `Not connected to a mailgate gateway${error ? ` (${error})` : ''}: connect it in the mailgate console to use its domain. Until then, Odoo's defaults catchall@ and bounce@ are offered.`,
    ),
  );
  const input = element(doc, 'input', {
    type: 'text',
    placeholder: 'example.com',
    'data-mailgate-input': 'domain',
    autocomplete: 'off',
  });
  input.value = odooDomain && !odooDomain.endsWith('.odoo.com') ? odooDomain : '';
  into.append(element(doc, 'label', {}, 'Domain mailgate receives'), input);
  return () => {
    const domain = domainNameSchema.safeParse(input.value);
    return domain.success
      ? { domain: domain.data, ...ODOO_DEFAULT_LOCAL_PARTS }
      : 'Enter the domain mailgate receives mail for, e.g. example.com.';
  };
}

async function askGateway(ctx: OverlayContext, aliasDomain: string | null): Promise<GatewayStatus> {
  try {
    return await ctx.requestGatewayStatus(aliasDomain ? { domain: aliasDomain } : {});
  } catch (error) {
    return { connected: false, error: errorMessage(error) };
  }
}

/** "Use mailgate": fills the alias domain with what `target` says, or shows why it cannot. */
function offerUseMailgate(ctx: OverlayContext, target: TargetSource): void {
  const { doc, panel } = ctx;
  const button = element(
    doc,
    'button',
    { type: 'button', class: 'primary', 'data-mailgate-action': 'use-mailgate' },
    'Use mailgate',
  );
  const result = element(doc, 'div', { 'aria-live': 'polite' });
  panel.body.append(button, result);
  const useMailgate = async (): Promise<void> => {
    const chosen = target();
    if (typeof chosen === 'string') {
      renderOutcome(doc, result, [], [chosen], '');
      return;
    }
    button.disabled = true;
    const outcome = await fillAliasDomain(doc, chosen);
    button.disabled = false;
    renderOutcome(
      doc,
      result,
      outcome.filled,
      outcome.problems,
      'Check the alias domain form, click Save there, then save the settings.',
    );
  };
  // The browser ignores what a listener returns; the fill reports its problems in its outcome.
  button.addEventListener('click', () => void useMailgate());
}

export async function renderSettingsView(ctx: OverlayContext): Promise<void> {
  const { doc, panel } = ctx;
  const current = readAliasDomainValues(doc);
  panel.body.append(
    element(
      doc,
      'p',
      {},
      current.aliasDomain
        ? `Odoo's alias domain: ${current.aliasDomain}${current.catchall ? ` (catchall@: ${current.catchall}, bounce@: ${current.bounce ?? '?'})` : ''}.`
        : 'Odoo has no alias domain yet.',
    ),
  );
  if (current.customEmailServers === false) {
    panel.body.append(
      element(
        doc,
        'p',
        { class: 'muted' },
        'Custom Email Servers is off: turn it on to add the outgoing server Odoo sends through.',
      ),
    );
  }
  // Nothing is asked of the gateway (nothing uses its token) until the admin clicks.
  const gateway = element(doc, 'div', { 'data-mailgate-gateway': 'not-asked' });
  const ask = element(
    doc,
    'button',
    { type: 'button', class: 'primary', 'data-mailgate-action': 'ask-gateway' },
    'Ask the mailgate gateway',
  );
  gateway.append(
    element(doc, 'p', { class: 'muted' }, 'mailgate asks your gateway for its domain and DNS status when you click.'),
    ask,
  );
  panel.body.append(gateway);
  const askAndRender = async (): Promise<void> => {
    ask.disabled = true;
    gateway.setAttribute('data-mailgate-gateway', 'loading');
    showText(ask, 'Asking the gateway…');
    // The alias domain the form shows now: the admin may have changed it since the panel opened.
    const { aliasDomain } = readAliasDomainValues(doc);
    const status = await askGateway(ctx, aliasDomain);
    gateway.replaceChildren();
    gateway.setAttribute('data-mailgate-gateway', status.connected ? 'connected' : 'disconnected');
    const target = status.connected
      ? renderConnected(ctx, gateway, status, aliasDomain)
      : renderDisconnected(ctx, gateway, aliasDomain, status.error);
    offerUseMailgate(ctx, target);
  };
  // The browser ignores what a listener returns; askGateway turns a failure into a "disconnected" status.
  ask.addEventListener('click', () => void askAndRender(), { once: true });
}
