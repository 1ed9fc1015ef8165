// Wire shapes of `POST /api/smtp-test`: an ERP's Outgoing Mail Server checked from the Worker, step by step, with the
// answer in the words an admin finds in the manuals (port blocked, TLS, wrong port for the encryption, authentication).
import { z } from 'zod';

export const smtpSecuritySchema = z.enum(['ssl', 'starttls', 'none']);
export type SmtpSecurity = z.infer<typeof smtpSecuritySchema>;

export const smtpTestRequestSchema = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    /** `ssl`: implicit TLS from the first byte (SMTPS, 465); `starttls`: plain, then STARTTLS (587); `none`. */
    security: smtpSecuritySchema,
    /** Never logged, stored or echoed: AUTH is tried only when both are given. */
    username: z.string().max(320).optional(),
    password: z.string().max(1024).optional(),
  })
  .refine((value) => (value.username === undefined) === (value.password === undefined), {
    message: 'give username and password together',
    path: ['password'],
  });
export type SmtpTestRequest = z.infer<typeof smtpTestRequestSchema>;

export const smtpStepSchema = z.object({
  step: z.enum(['connect', 'banner', 'ehlo', 'starttls', 'auth', 'relay', 'quit']),
  ok: z.boolean(),
  /** The server's reply (multi-line replies joined), or what happened on the wire. */
  detail: z.string(),
  ms: z.number().int().min(0),
});

export const smtpOutcomeSchema = z.enum([
  'ok',
  'timeout',
  'connection-refused',
  'tls-failed',
  'wrong-port-for-encryption',
  'starttls-not-offered',
  'auth-failed',
  'auth-not-offered',
  'auth-required',
  'protocol-error',
]);
export type SmtpOutcome = z.infer<typeof smtpOutcomeSchema>;

export const smtpTestResultSchema = z.object({
  ok: z.boolean(),
  outcome: smtpOutcomeSchema,
  /** One sentence for the admin, in the words of the manuals. */
  message: z.string(),
  host: z.string(),
  port: z.number().int(),
  security: smtpSecuritySchema,
  banner: z.string().nullable(),
  /** EHLO keywords, upper case (`STARTTLS`, `SIZE`, `AUTH`, `8BITMIME`, `SMTPUTF8`, `PIPELINING`, …). */
  extensions: z.array(z.string()),
  /** The SIZE the server advertises, in bytes (RFC 1870), when it does. */
  sizeLimit: z.number().int().nullable(),
  /** AUTH mechanisms advertised (after STARTTLS when it was used). */
  authMechanisms: z.array(z.string()),
  /** Whether the TLS layer (implicit or STARTTLS) was up when the session ended. */
  tls: z.boolean(),
  /** null when no credentials were given. */
  authenticated: z.boolean().nullable(),
  steps: z.array(smtpStepSchema),
});
export type SmtpTestResult = z.infer<typeof smtpTestResultSchema>;
