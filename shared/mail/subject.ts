// Subject normalisation for threading: strips reply/forward prefixes of the common clients and languages.

/**
 * Reply and forward prefixes: English (Re, Fw, Fwd), German (AW, WG), Scandinavian (SV, VS, VB), French (TR),
 * Spanish/Portuguese (RV, ENC, RES), Italian (R, I), Dutch (Antw, Doorst), Polish (Odp, PD), Finnish (VL),
 * Turkish (YNT, İLT), Chinese (回复, 转发), plus Outlook's bracketed counters (`Re[2]:`).
 */
const PREFIX =
  /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|vb|tr|rv|enc|res|r|i|antw|doorst|odp|pd|vl|ynt|i̇lt|回复|转发|答复|轉寄)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/iu;
/** Mailing-list tags such as `[odoo-dev]` at the start are not part of the conversation's subject. */
const LIST_TAG = /^\s*\[[^\]]{1,40}\]\s*/u;

export function normalizeSubject(subject: string | null | undefined): string {
  let rest = (subject ?? '').normalize('NFC');
  for (;;) {
    const next = rest.replace(LIST_TAG, '').replace(PREFIX, '');
    if (next === rest) break;
    rest = next;
  }
  return rest.replace(/\s+/g, ' ').trim().toLowerCase();
}
