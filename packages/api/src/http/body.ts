import type { IncomingMessage } from 'node:http';
import { InvalidInputError } from '@scrapifie/recipe';
import { ApiError } from '../errors.ts';

/** Reads a JSON request body (application/json, any charset parameter) of at most maxBytes. An empty body is {}. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is ${declared} bytes; the limit is ${maxBytes}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is over the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', type ? `Send the body as application/json, not ${type}` : 'Send the body as application/json (the Content-Type header is missing)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `The body is not valid JSON: ${(e as Error).message}`, [{ path: '(body)', message: 'not valid JSON' }]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidInputError('INVALID_INPUT', 'The body must be a JSON object', [{ path: '(body)', message: 'expected a JSON object' }]);
  }
  return parsed as Record<string, unknown>;
}
