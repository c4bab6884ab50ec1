import { z } from 'zod';
import type { Webhook } from '@scrapifie/engine';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { appOf, workspaceOf } from '../services/app.ts';
import { checkTarget } from '../services/start-run.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { WEBHOOK_EVENTS } from '../webhooks/events.ts';

const WebhookIdSchema = z.string().min(1, 'a webhook id is required').max(100);
const UrlSchema = z
  .string()
  .max(2048)
  .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'an absolute http:// or https:// URL');
const EventsSchema = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'subscribe to at least one event').max(WEBHOOK_EVENTS.length);

const WebhookViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  previousSecretValidUntil: z.string().nullable().describe('During a secret rotation: until when the previous secret still signs'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const SecretSchema = z.string().describe('The signing secret (whsec_...): shown this once, keep it safe');

const AttemptSchema = z.object({
  eventId: z.string(),
  attempt: z.number().int(),
  ok: z.boolean(),
  responseStatus: z.number().int().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
});

const DeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number().int(),
  outcome: z.enum(['succeeded', 'failed']),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  createdAt: z.string(),
});

/** A webhook as callers see it: never its secrets. */
function view(w: Webhook): z.infer<typeof WebhookViewSchema> {
  const previous = w.secrets.find((s) => s.expiresAt !== null);
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    enabled: w.disabledAt === null,
    disabledAt: w.disabledAt,
    disabledReason: w.disabledReason,
    consecutiveFailures: w.consecutiveFailures,
    previousSecretValidUntil: previous?.expiresAt ?? null,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

function dispatcherOf(ctx: ApiContext): WebhookDispatcher {
  const d = ctx.services.webhooks;
  if (!d) throw new ApiError('NOT_CONFIGURED', 'This server sends no webhooks: it was started without a webhook dispatcher (an application store, a queue and a secret cipher)');
  return d;
}

const nowIso = (ctx: ApiContext): string => new Date(ctx.services.clock.now()).toISOString();

function notFound(id: string): never {
  throw new ApiError('NOT_FOUND', `No webhook ${JSON.stringify(id)} in this workspace`);
}

async function getOrThrow(ctx: ApiContext, id: string): Promise<Webhook> {
  return (await appOf(ctx).getWebhook(workspaceOf(ctx), id, nowIso(ctx))) ?? notFound(id);
}

const ById = z.strictObject({ webhookId: WebhookIdSchema });
const TAGS = ['webhooks'];

export const webhooksRouter = router({
  create: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/webhooks', tags: TAGS, summary: 'Subscribe a URL to run events', description: 'Answers with the signing secret, shown this once. Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).' }, successStatus: 201 })
    .input(z.strictObject({ url: UrlSchema, events: EventsSchema }))
    .output(z.object({ webhook: WebhookViewSchema, secret: SecretSchema }))
    .mutation(async ({ ctx, input }) => {
      await checkTarget(ctx, input.url, 'url');
      const { webhook, secret } = await dispatcherOf(ctx).create(workspaceOf(ctx), input);
      return { webhook: view(webhook), secret };
    }),

  list: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/webhooks', tags: TAGS, summary: "The workspace's webhooks" } })
    .input(z.strictObject({}))
    .output(z.object({ webhooks: z.array(WebhookViewSchema) }))
    .query(async ({ ctx }) => ({ webhooks: (await appOf(ctx).listWebhooks(workspaceOf(ctx), nowIso(ctx))).map(view) })),

  get: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/webhooks/{webhookId}', tags: TAGS, summary: 'A webhook' } })
    .input(ById)
    .output(WebhookViewSchema)
    .query(async ({ ctx, input }) => view(await getOrThrow(ctx, input.webhookId))),

  update: adminProcedure
    .meta({ openapi: { method: 'PATCH', path: '/webhooks/{webhookId}', tags: TAGS, summary: "Change a webhook's URL or events" } })
    .input(z.strictObject({ webhookId: WebhookIdSchema, url: UrlSchema.optional(), events: EventsSchema.optional() }))
    .output(WebhookViewSchema)
    .mutation(async ({ ctx, input }) => {
      if (input.url !== undefined) await checkTarget(ctx, input.url, 'url');
      const ok = await appOf(ctx).updateWebhook(workspaceOf(ctx), input.webhookId, { url: input.url, events: input.events });
      if (!ok) notFound(input.webhookId);
      return view(await getOrThrow(ctx, input.webhookId));
    }),

  delete: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/webhooks/{webhookId}', tags: TAGS, summary: 'Delete a webhook', description: 'Its queued deliveries are dropped.' } })
    .input(ById)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await appOf(ctx).deleteWebhook(workspaceOf(ctx), input.webhookId))) notFound(input.webhookId);
      return { deleted: true as const };
    }),

  rotateSecret: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/webhooks/{webhookId}/rotate', tags: TAGS, summary: 'Rotate the signing secret', description: 'Answers with the new secret, shown this once. Until previousSecretValidUntil every delivery carries a signature by both secrets.' } })
    .input(ById)
    .output(z.object({ secret: SecretSchema, previousSecretValidUntil: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const r = (await dispatcherOf(ctx).rotateSecret(workspaceOf(ctx), input.webhookId)) ?? notFound(input.webhookId);
      return { secret: r.secret, previousSecretValidUntil: r.previousValidUntil };
    }),

  enable: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/webhooks/{webhookId}/enable', tags: TAGS, summary: 'Enable a webhook', description: 'Also clears its failure count.' } })
    .input(ById)
    .output(WebhookViewSchema)
    .mutation(async ({ ctx, input }) => {
      if (!(await appOf(ctx).setWebhookDisabled(workspaceOf(ctx), input.webhookId, null))) notFound(input.webhookId);
      return view(await getOrThrow(ctx, input.webhookId));
    }),

  disable: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/webhooks/{webhookId}/disable', tags: TAGS, summary: 'Disable a webhook', description: 'No deliveries (also no pending retries) until it is enabled again.' } })
    .input(ById)
    .output(WebhookViewSchema)
    .mutation(async ({ ctx, input }) => {
      if (!(await appOf(ctx).setWebhookDisabled(workspaceOf(ctx), input.webhookId, { at: nowIso(ctx), reason: 'disabled by a workspace admin' }))) notFound(input.webhookId);
      return view(await getOrThrow(ctx, input.webhookId));
    }),

  deliveries: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/webhooks/{webhookId}/deliveries', tags: TAGS, summary: "A webhook's delivery attempts, newest first" } })
    .input(z.strictObject({ webhookId: WebhookIdSchema, limit: z.coerce.number().int().min(1).max(500).default(50) }))
    .output(z.object({ deliveries: z.array(DeliverySchema) }))
    .query(async ({ ctx, input }) => {
      await getOrThrow(ctx, input.webhookId);
      const rows = await appOf(ctx).listDeliveries(workspaceOf(ctx), input.webhookId, input.limit);
      return { deliveries: rows.map(({ webhookId: _w, ...d }) => d) };
    }),

  test: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/webhooks/{webhookId}/test', tags: TAGS, summary: 'Send a webhook.test event now', description: "One attempt, no retries; answers with the attempt's result (also in the delivery log)." } })
    .input(ById)
    .output(AttemptSchema)
    .mutation(async ({ ctx, input }) => {
      const r = (await dispatcherOf(ctx).sendTest(workspaceOf(ctx), input.webhookId)) ?? notFound(input.webhookId);
      return { eventId: r.eventId, attempt: r.attempt, ok: r.ok, responseStatus: r.status, durationMs: r.durationMs, error: r.error };
    }),
});
