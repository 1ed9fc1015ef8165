// Answers a `mailgate:fill` message: validates it, picks the adapter for the page, fills, and reports.
import { fillRequestSchema, type FillResponse } from '../messages/fill-message.ts';
import { selectAdapter } from './index.ts';

/** Fills the page's add-record form; an invalid message or a page without a form gives `{ok: false, error}`. */
export async function handleFillRequest(message: unknown, doc: Document, url: string): Promise<FillResponse> {
  const parsed = fillRequestSchema.safeParse(message);
  if (!parsed.success)
    return { ok: false, error: `Invalid mailgate:fill message: ${parsed.error.issues[0]?.message ?? 'unknown'}` };
  const adapter = selectAdapter(url);
  const { filled, problems } = await adapter.fill(doc, parsed.data.record, parsed.data.zone);
  // Without the value nothing useful was written: report it as a failure rather than a partial success.
  if (!filled.includes('value')) return { ok: false, error: problems.join(' ') || 'The form could not be filled.' };
  return { ok: true, adapter: adapter.id, filled, problems };
}
