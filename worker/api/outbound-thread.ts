// Which domain and existing thread an outgoing mail belongs to (`POST /api/outbound`, `POST /api/send`): the named
// thread, else the domain's thread of the ERP record. Threads and records are looked up inside one domain only.
import type { DomainRow } from '../store/domains.ts';
import { findThreadByRecord, getThread, type RecordRef, type ThreadRow } from '../store/threads.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { requireOneDomain } from './tenant.ts';

type RequestVars = { var: AppEnv['Variables'] };

export async function locateThread(
  c: RequestVars,
  input: { domain?: string | undefined; threadId?: string | undefined; record?: RecordRef | undefined },
): Promise<{ domain: DomainRow; thread: ThreadRow | undefined }> {
  const { db } = c.var.services;
  const named = input.threadId ? await getThread(db, input.threadId) : undefined;
  if (input.threadId && !named) throw notFound('thread');
  const domain = await requireOneDomain(c, input.domain, named?.domainId ?? null);
  if (named && named.domainId !== domain.id) {
    // A scoped token reaching another tenant's thread learns no more than a 403; a mismatch of the caller's own
    // choices is a 400.
    if (c.var.principal.domainId !== null)
      throw new ApiError(403, 'forbidden', 'this token is limited to another domain');
    throw new ApiError(
      400,
      'invalid_input',
      `threadId: the thread ${named.id} does not belong to the domain ${domain.name}`,
    );
  }
  const thread = named ?? (input.record ? await findThreadByRecord(db, domain.id, input.record) : undefined);
  return { domain, thread };
}
