// The shape of one documented operation, and the list answers every group shares.
import { z } from 'zod';

export type Operation = {
  summary: string;
  request?: z.ZodType;
  /** A request body that is not JSON (the relay ingress takes raw mail). */
  requestType?: string;
  query?: z.ZodObject;
  response?: z.ZodType;
  responseType?: string;
  /** Another media type the same route takes as its body (the raw message of `POST /api/send`). */
  alternativeRequestType?: string;
};

/** Operations by path, then by lower-case method. */
export type Operations = Record<string, Record<string, Operation>>;

/** `{items}` answers (pages of `{items, nextCursor}` are shared/api's `pageOf`). */
export const list = (item: z.ZodType) => z.object({ items: z.array(item) });
