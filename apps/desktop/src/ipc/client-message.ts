import { z } from 'zod';
import type { IpcClientMessage } from './protocol.ts';

/** Request ids are short opaque strings; anything else is a malformed message, not a request. */
const Id = z.string().min(1).max(100);

const ClientMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('request'),
    id: Id,
    type: z.enum(['query', 'mutation', 'subscription']),
    path: z.string().min(1).max(500),
    input: z.unknown(),
  }).strict(),
  z.object({ kind: z.literal('stop'), id: Id }).strict(),
]);

export type ParsedClientMessage = { ok: true; message: IpcClientMessage } | { ok: false; id: string | null; problem: string };

/** Validates one message from a renderer; a bad one yields a problem naming the field, and its id when it had a usable one. */
export function parseClientMessage(raw: unknown): ParsedClientMessage {
  const r = ClientMessage.safeParse(raw);
  if (r.success) return { ok: true, message: r.data as IpcClientMessage };
  const id = Id.safeParse((raw as { id?: unknown } | null)?.id);
  const problem = r.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
  return { ok: false, id: id.success ? id.data : null, problem };
}
