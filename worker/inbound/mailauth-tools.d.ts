// Types for the mailauth internals mailgate uses: the Public-Suffix-List alignment test and the RFC 8601 clause writer.
declare module 'mailauth/lib/tools.js' {
  /** The first domain of `domains` that aligns with `fromDomain` (strict: identical), or false. */
  export function getAlignment(
    fromDomain: string,
    domains: (string | { domain: string })[],
    strict?: boolean,
  ): { domain: string } | false;

  /** One `method=result (comment) ptype.prop=value…` clause of Authentication-Results (RFC 8601 2.2), escaped. */
  export function formatAuthHeaderRow(
    method: string,
    status: { result: string; comment?: string | false; smtp?: Record<string, string> },
    options?: { strict?: boolean },
  ): string;
}
