// Reads the domain the popup was opened for from its query string (`popup.html?domain=example.com`).

/** A lower-cased host name without a trailing dot, or null when the parameter is missing or not a host name. */
export function readDomainParam(search: string): string | null {
  const raw = new URLSearchParams(search).get('domain')?.trim().toLowerCase().replace(/\.$/, '');
  if (!raw) return null;
  // RFC 1035 2.3.1 letters, digits and hyphens per label (plus `_` which DNS allows in owner names in practice).
  return /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(raw)
    ? raw
    : null;
}
