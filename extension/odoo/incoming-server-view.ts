// The overlay on an Incoming Mail Server form: why polling is no longer needed once mailgate receives the mail.
import type { OverlayContext } from './overlay-context.ts';
import { element } from './overlay-panel.ts';
import { INCOMING_SERVER_EXPLANATION } from './incoming-explanation.ts';
import { readIncomingServerValues } from './read-values.ts';

export async function renderIncomingServerView(ctx: OverlayContext): Promise<void> {
  const { doc, panel } = ctx;
  const current = readIncomingServerValues(doc);
  if (current.server || current.user) {
    panel.body.append(
      element(
        doc,
        'p',
        { class: 'muted' },
        `This server polls ${current.user ?? 'a mailbox'}${current.server ? ` on ${current.server}` : ''}${current.serverType ? ` (${current.serverType.toUpperCase()})` : ''}.`,
      ),
    );
  }
  for (const paragraph of INCOMING_SERVER_EXPLANATION)
    panel.body.append(element(doc, 'p', { 'data-mailgate-explanation': '' }, paragraph));
}
