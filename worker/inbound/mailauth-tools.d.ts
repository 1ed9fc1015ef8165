// Types for the one mailauth internal mailgate uses: the Public-Suffix-List alignment test behind DMARC.
declare module 'mailauth/lib/tools.js' {
  /** The first domain of `domains` that aligns with `fromDomain` (strict: identical), or false. */
  export function getAlignment(
    fromDomain: string,
    domains: (string | { domain: string })[],
    strict?: boolean,
  ): { domain: string } | false;
}
