// Signed, expiring download links for attachments: what webhook payloads carry instead of the bytes.
import { decodeBase64Url, encodeBase64Url } from '../../shared/crypto/base64.ts';
import { signHmac, verifyHmac } from '../../shared/crypto/hmac.ts';

/** Long enough for a receiver that was down for the whole retry span to fetch the file after it recovers. */
export const FILE_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** The path the worker serves signed downloads under (outside /api: no bearer token needed). */
export const FILE_LINK_PATH_PREFIX = '/files/';

/** The purpose prefix keeps these signatures apart from reply tokens made with the same secret. */
function signedLinkContent(attachmentId: string, expiresAtSeconds: number): string {
  return `mailgate-file.${attachmentId}.${expiresAtSeconds}`;
}

/** `<base>/files/<id>?exp=<unix seconds>&sig=<base64url HMAC-SHA256>`, signed with the first secret. */
export async function createFileLink(
  baseUrl: string,
  secret: string,
  attachmentId: string,
  nowMs: number,
  lifetimeMs = FILE_LINK_LIFETIME_MS,
): Promise<string> {
  const expiresAtSeconds = Math.floor((nowMs + lifetimeMs) / 1000);
  const signature = encodeBase64Url(await signHmac(secret, signedLinkContent(attachmentId, expiresAtSeconds)));
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}${FILE_LINK_PATH_PREFIX}${encodeURIComponent(attachmentId)}?exp=${expiresAtSeconds}&sig=${signature}`;
}

export type FileLinkCheck = { ok: true } | { ok: false; reason: 'expired' | 'bad-signature' | 'malformed' };

/** Accepts a link signed by any of the secrets (rotation) that has not expired at `nowMs`. */
export async function verifyFileLink(
  secrets: readonly string[],
  attachmentId: string,
  expires: string | undefined,
  signature: string | undefined,
  nowMs: number,
): Promise<FileLinkCheck> {
  if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return { ok: false, reason: 'malformed' };
  const expiresAtSeconds = Number(expires);
  if (expiresAtSeconds * 1000 < nowMs) return { ok: false, reason: 'expired' };
  let mac: Uint8Array;
  try {
    mac = decodeBase64Url(signature);
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
  const content = signedLinkContent(attachmentId, expiresAtSeconds);
  for (const secret of secrets) {
    if (await verifyHmac(secret, content, mac)) return { ok: true };
  }
  return { ok: false, reason: 'bad-signature' };
}

type AttachmentJson = { id?: unknown; [field: string]: unknown };

/**
 * A copy of an event payload where every object in an `attachments` array that has an `att_…` id also carries
 * `downloadUrl`. Done at send time, so each attempt (even days later) carries links that are still valid.
 */
export async function addDownloadUrls(
  payload: unknown,
  sign: (attachmentId: string) => Promise<string>,
): Promise<unknown> {
  if (Array.isArray(payload)) return Promise.all(payload.map((item) => addDownloadUrls(item, sign)));
  if (payload === null || typeof payload !== 'object') return payload;
  const entries = await Promise.all(
    Object.entries(payload as Record<string, unknown>).map(async ([field, value]): Promise<[string, unknown]> => {
      if (field === 'attachments' && Array.isArray(value)) {
        return [field, await Promise.all(value.map((item) => linkAttachment(item, sign)))];
      }
      return [field, await addDownloadUrls(value, sign)];
    }),
  );
  return Object.fromEntries(entries);
}

async function linkAttachment(item: unknown, sign: (attachmentId: string) => Promise<string>): Promise<unknown> {
  if (item === null || typeof item !== 'object') return item;
  const attachment = item as AttachmentJson;
  if (typeof attachment.id !== 'string' || !attachment.id.startsWith('att_')) return item;
  return { ...attachment, downloadUrl: await sign(attachment.id) };
}
