// The overlay on an Outgoing Mail Server form: a preset picker that fills host, port and encryption (and FROM
// Filtering for domain-wide relays, with the gateway's domain asked for at the click), with each provider's warnings
// shown before anything is written.
import { fillSmtpPreset } from './fill-smtp-preset.ts';
import type { OverlayContext } from './overlay-context.ts';
import { element, renderOutcome } from './overlay-panel.ts';
import { readOutgoingServerValues } from './read-values.ts';
import { PORT_25_WARNING, SMTP_PRESETS, findSmtpPreset, type SmtpPreset } from './smtp-presets.ts';
import { appendSmtpTestButton } from './smtp-test-button.ts';

export async function renderOutgoingServerView(ctx: OverlayContext): Promise<void> {
  const { doc, panel } = ctx;
  const current = readOutgoingServerValues(doc);
  panel.body.append(
    element(
      doc,
      'p',
      { class: 'muted' },
      current.host
        ? `This server: ${current.host}:${current.port ?? '?'} (${current.encryption ?? 'no encryption'}).`
        : 'mailgate receives your mail; Odoo still sends through an SMTP server. Pick your provider:',
    ),
  );

  const picker = element(doc, 'select', { 'aria-label': 'SMTP provider', 'data-mailgate-input': 'preset' });
  for (const preset of SMTP_PRESETS) picker.append(element(doc, 'option', { value: preset.id }, preset.label));
  const regionLabel = element(doc, 'label', {}, 'Region');
  const region = element(doc, 'select', { 'aria-label': 'Region', 'data-mailgate-input': 'region' });
  const details = element(doc, 'div');
  const button = element(
    doc,
    'button',
    { type: 'button', class: 'primary', 'data-mailgate-action': 'fill-smtp' },
    'Fill the form',
  );
  const result = element(doc, 'div', { 'aria-live': 'polite' });
  panel.body.append(element(doc, 'label', {}, 'Provider'), picker, regionLabel, region, details, button, result);
  appendSmtpTestButton(doc, panel.body, ctx.requestSmtpTest);

  // The gateway's domain is what a domain-wide relay sends for (FROM Filtering): asked for when the admin fills.
  let gatewayDomain: string | null = null;
  const askGatewayDomain = async (): Promise<string | null> => {
    const status = await ctx.requestGatewayStatus({ dns: false }).catch(() => null);
    return status?.connected && status.domain ? status.domain.name : null;
  };
  const selected = (): SmtpPreset => findSmtpPreset(picker.value) ?? SMTP_PRESETS[0]!;
  const renderDetails = () => {
    const preset = selected();
    regionLabel.hidden = region.hidden = !preset.regions;
    const chosenRegion = region.value;
    region.replaceChildren(...(preset.regions ?? []).map((name) => element(doc, 'option', { value: name }, name)));
    if (preset.regions?.includes(chosenRegion)) region.value = chosenRegion;
    details.replaceChildren();
    const host = preset.host.replace('{region}', '<region>');
    details.append(
      element(doc, 'p', {}, `${host}, port ${preset.port}, ${preset.encryption === 'ssl' ? 'SSL/TLS' : 'STARTTLS'}.`),
    );
    details.append(element(doc, 'p', { class: 'muted' }, `Username: ${preset.usernameHint}`));
    if (preset.fromFilter === 'domain') {
      details.append(
        element(
          doc,
          'p',
          { class: 'muted' },
          gatewayDomain
            ? `FROM Filtering: ${gatewayDomain} (the gateway's domain), when the form has none.`
            : "FROM Filtering: the mailgate gateway's domain, asked for when you click Fill the form (when the form has none).",
        ),
      );
    }
    const warnings = element(doc, 'ul', { class: 'warnings', 'data-mailgate-warnings': preset.id });
    for (const warning of [...preset.warnings, PORT_25_WARNING]) warnings.append(element(doc, 'li', {}, warning));
    details.append(warnings);
    result.replaceChildren();
  };
  picker.addEventListener('change', renderDetails);
  renderDetails();
  const fillSelectedPreset = async (): Promise<void> => {
    button.disabled = true;
    const preset = selected();
    if (preset.fromFilter === 'domain' && gatewayDomain === null) {
      gatewayDomain = await askGatewayDomain();
      renderDetails();
    }
    const outcome = await fillSmtpPreset(doc, preset, { region: region.value, domain: gatewayDomain });
    button.disabled = false;
    renderOutcome(
      doc,
      result,
      outcome.filled,
      outcome.problems,
      'Type the username and password, click Test Connection, then Save.',
    );
  };
  // The browser ignores what a listener returns; the fill reports its problems in its outcome.
  button.addEventListener('click', () => void fillSelectedPreset());
}
