// Wire shape of an authentication verdict (SPF, DKIM, DMARC, ARC) as stored per message and returned by the API.
import { z } from 'zod';

/** RFC 8601 2.7.2 (SPF, per RFC 7208 2.6). */
export const spfResultSchema = z.enum(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);
/** RFC 8601 2.7.1 (DKIM); `policy` is a valid signature the verifier refuses (weak key, RFC 8301). */
export const dkimResultSchema = z.enum(['pass', 'fail', 'neutral', 'none', 'policy', 'temperror', 'permerror']);
/** RFC 7489 11.2. */
export const dmarcResultSchema = z.enum(['pass', 'fail', 'none', 'temperror', 'permerror']);
/** RFC 8617 4.4 (`cv`). */
export const arcResultSchema = z.enum(['pass', 'fail', 'none']);

export const dmarcPolicySchema = z.enum(['none', 'quarantine', 'reject']);

export const authVerdictSchema = z.object({
  spf: z.object({
    result: spfResultSchema,
    /** The domain checked: MAIL FROM's, or the HELO's for a null sender (RFC 7208 2.4). */
    domain: z.string().nullable(),
    /** Where the client identity came from: Cloudflare's MX Received header, the relay ingress, or nowhere. */
    clientIp: z.string().nullable(),
    helo: z.string().nullable(),
  }),
  dkim: z.array(
    z.object({
      domain: z.string(),
      selector: z.string(),
      result: dkimResultSchema,
      /** The signing domain aligns with the From domain (RFC 7489 3.1.1). */
      aligned: z.boolean(),
    }),
  ),
  dmarc: z.object({
    result: dmarcResultSchema,
    /** The policy to apply (after sp/np and t=y); null when the domain publishes none. */
    policy: dmarcPolicySchema.nullable(),
    /** The From (author) domain. */
    domain: z.string().nullable(),
  }),
  arc: z.object({
    result: arcResultSchema,
    /** `d=` of every ARC-Seal, oldest first (i=1 …). */
    sealers: z.array(z.string()),
    /** Set when a failed DMARC was overridden by the verdict a trusted sealer preserved (RFC 8617 7.2). */
    trustedSealer: z.string().nullable(),
  }),
  /** DMARC pass, or aligned DKIM/SPF pass when the author domain publishes no DMARC record (RFC 7489 3.1). */
  authenticated: z.boolean(),
  /** One sentence saying why `authenticated` is what it is. */
  reason: z.string(),
  /** RFC 8601 header value (without the field name) to prepend when the raw mail is handed on. */
  authenticationResults: z.string(),
});

export type AuthVerdict = z.infer<typeof authVerdictSchema>;
export type SpfResult = z.infer<typeof spfResultSchema>;
export type DkimResult = z.infer<typeof dkimResultSchema>;
export type DmarcResult = z.infer<typeof dmarcResultSchema>;
