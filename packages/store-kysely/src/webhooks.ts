import { AppStoreError, type AppStore, type Delivery, type Webhook, type WebhookSecret } from '@scrapifie/engine';
import type { Kysely, Selectable } from 'kysely';
import type { AppDB, WebhooksTable } from './schema.ts';
import { changed, isUuid, iso, newId, nonEmpty, nonNegativeInt, nowIso, readNullableTime, readTime } from './util.ts';

type WebhookQueries = Pick<
  AppStore,
  'createWebhook' | 'getWebhook' | 'listWebhooks' | 'webhooksFor' | 'updateWebhook' | 'rotateWebhookSecret' | 'setWebhookDisabled' | 'deleteWebhook' | 'recordDelivery' | 'listDeliveries'
>;

function events(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0 || !value.every((e) => typeof e === 'string' && e !== '')) {
    throw new AppStoreError('invalid', 'events must be a non-empty list of event names');
  }
  return JSON.stringify([...new Set(value as string[])]);
}

function url(value: unknown): string {
  const u = nonEmpty(value, 'webhook url');
  if (!/^https?:\/\//i.test(u)) throw new AppStoreError('invalid', `webhook url must be http(s), got ${JSON.stringify(u)}`);
  return u;
}

/** Current secret first, then rotated-out ones by how long they stay valid. */
function bySecretAge(a: WebhookSecret, b: WebhookSecret): number {
  if (a.expiresAt === null || b.expiresAt === null) return a.expiresAt === null ? (b.expiresAt === null ? 0 : -1) : 1;
  return b.expiresAt.localeCompare(a.expiresAt);
}

export function webhookQueries(db: Kysely<AppDB>): WebhookQueries {
  /** The webhooks of `rows` with the secrets still valid at `now`. */
  async function withSecrets(rows: Selectable<WebhooksTable>[], now: string): Promise<Webhook[]> {
    if (rows.length === 0) return [];
    const at = iso(now, 'now');
    const secrets = await db
      .selectFrom('webhook_secrets')
      .selectAll()
      .where('webhook_id', 'in', rows.map((r) => r.id))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
      .execute();
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      url: r.url,
      events: JSON.parse(r.events) as string[],
      secrets: secrets
        .filter((s) => s.webhook_id === r.id)
        .map((s) => ({ id: s.id, ciphertext: s.ciphertext, createdAt: readTime(s.created_at), expiresAt: readNullableTime(s.expires_at) }))
        .sort(bySecretAge),
      consecutiveFailures: r.consecutive_failures,
      disabledAt: readNullableTime(r.disabled_at),
      disabledReason: r.disabled_reason,
      createdAt: readTime(r.created_at),
      updatedAt: readTime(r.updated_at),
    }));
  }
  const inWorkspace = (workspaceId: string) => db.selectFrom('webhooks').selectAll().where('workspace_id', '=', workspaceId);

  return {
    async createWebhook(input) {
      if (!isUuid(input.workspaceId)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(input.workspaceId)}`);
      const now = nowIso();
      const row = { id: newId(), workspace_id: input.workspaceId, url: url(input.url), events: events(input.events), consecutive_failures: 0, disabled_at: null, disabled_reason: null, created_at: now, updated_at: now };
      const secret = { id: newId(), webhook_id: row.id, ciphertext: nonEmpty(input.secretCiphertext, 'secretCiphertext'), created_at: now, expires_at: null };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('webhooks').values(row).execute();
        await trx.insertInto('webhook_secrets').values(secret).execute();
      });
      return (await withSecrets([row], now))[0]!;
    },
    async getWebhook(workspaceId, id, now) {
      if (!isUuid(workspaceId) || !isUuid(id)) return null;
      const r = await inWorkspace(workspaceId).where('id', '=', id).executeTakeFirst();
      return r ? (await withSecrets([r], now))[0]! : null;
    },
    async listWebhooks(workspaceId, now) {
      if (!isUuid(workspaceId)) return [];
      return withSecrets(await inWorkspace(workspaceId).orderBy('created_at').orderBy('id').execute(), now);
    },
    async webhooksFor(workspaceId, event, now) {
      if (!isUuid(workspaceId)) return [];
      const rows = await inWorkspace(workspaceId).where('disabled_at', 'is', null).orderBy('created_at').orderBy('id').execute();
      return withSecrets(rows.filter((r) => (JSON.parse(r.events) as string[]).includes(event)), now);
    },
    async updateWebhook(workspaceId, id, patch) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      const set = {
        updated_at: nowIso(),
        ...(patch.url === undefined ? {} : { url: url(patch.url) }),
        ...(patch.events === undefined ? {} : { events: events(patch.events) }),
      };
      return changed(await db.updateTable('webhooks').set(set).where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },
    async rotateWebhookSecret(workspaceId, id, ciphertext, previousValidUntil) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      const secret = nonEmpty(ciphertext, 'secret ciphertext');
      const until = iso(previousValidUntil, 'previousValidUntil');
      const now = nowIso();
      return db.transaction().execute(async (trx) => {
        // Touching the webhook first locks it, so two rotations take turns.
        const res = await trx.updateTable('webhooks').set({ updated_at: now }).where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
        if (changed(res) === 0) return false;
        await trx.deleteFrom('webhook_secrets').where('webhook_id', '=', id).where('expires_at', '<=', now).execute();
        await trx.updateTable('webhook_secrets').set({ expires_at: until }).where('webhook_id', '=', id).where('expires_at', 'is', null).execute();
        await trx.insertInto('webhook_secrets').values({ id: newId(), webhook_id: id, ciphertext: secret, created_at: now, expires_at: null }).execute();
        return true;
      });
    },
    async setWebhookDisabled(workspaceId, id, disabled) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      const set = disabled
        ? { disabled_at: iso(disabled.at, 'disabled.at'), disabled_reason: nonEmpty(disabled.reason, 'disabled.reason'), updated_at: nowIso() }
        : { disabled_at: null, disabled_reason: null, consecutive_failures: 0, updated_at: nowIso() };
      return changed(await db.updateTable('webhooks').set(set).where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },
    async deleteWebhook(workspaceId, id) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      return changed(await db.deleteFrom('webhooks').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },
    async recordDelivery(input) {
      if (input.outcome !== 'succeeded' && input.outcome !== 'failed') throw new AppStoreError('invalid', `outcome must be succeeded or failed, got ${JSON.stringify(input.outcome)}`);
      const row = {
        id: newId(),
        webhook_id: input.webhookId,
        event_id: nonEmpty(input.eventId, 'eventId'),
        event_type: nonEmpty(input.eventType, 'eventType'),
        attempt: nonNegativeInt(input.attempt, 'attempt'),
        outcome: input.outcome,
        response_status: input.responseStatus ?? null,
        error: input.error ?? null,
        duration_ms: nonNegativeInt(Math.round(input.durationMs), 'durationMs'),
        created_at: nowIso(),
      };
      if (!isUuid(input.webhookId)) throw new AppStoreError('not_found', `No webhook ${JSON.stringify(input.webhookId)}`);
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('webhooks')
          .set((eb) => ({ consecutive_failures: input.outcome === 'succeeded' ? 0 : eb('consecutive_failures', '+', 1) }))
          .where('id', '=', input.webhookId)
          .returning('consecutive_failures')
          .executeTakeFirst();
        if (!r) throw new AppStoreError('not_found', `No webhook ${input.webhookId}`);
        await trx.insertInto('webhook_deliveries').values(row).execute();
        return { consecutiveFailures: r.consecutive_failures };
      });
    },
    async listDeliveries(workspaceId, webhookId, limit): Promise<Delivery[]> {
      if (!isUuid(workspaceId) || !isUuid(webhookId)) return [];
      const rows = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .selectAll('d')
        .where('w.workspace_id', '=', workspaceId)
        .where('d.webhook_id', '=', webhookId)
        .orderBy('d.seq', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        webhookId: r.webhook_id,
        eventId: r.event_id,
        eventType: r.event_type,
        attempt: r.attempt,
        outcome: r.outcome as Delivery['outcome'],
        responseStatus: r.response_status,
        error: r.error,
        durationMs: r.duration_ms,
        createdAt: readTime(r.created_at),
      }));
    },
  };
}
