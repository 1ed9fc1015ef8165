// wrangler.toml list variables (origins, ARC sealers, verified destinations): comma- or space-separated values.

/** `"a, b  c"` → `['a', 'b', 'c']`, lower-cased (origins, domains and addresses here compare without case). */
export function readListVar(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
}
