import { create } from 'zustand';
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@scrapifie/api';
import { client } from '../client.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';

export type WebhookEvent = inferRouterInputs<AppRouter>['webhooks']['create']['events'][number];
/** The run events a webhook can subscribe to (the type checks them against the API's list). */
export const WEBHOOK_EVENTS = ['run.started', 'run.completed', 'run.failed', 'run.partially_completed', 'run.items'] as const satisfies readonly WebhookEvent[];

export interface WebhookItem {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  previousSecretValidUntil: string | null;
  createdAt: string;
}
export interface DeliveryItem {
  id: string;
  eventType: string;
  attempt: number;
  outcome: 'succeeded' | 'failed';
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
  createdAt: string;
}
/** A signing secret the server answered once (after a create or a rotation); gone from the store when dismissed. */
export interface ShownSecret {
  webhookId: string;
  secret: string;
  reason: 'created' | 'rotated';
}

interface WebhooksState extends Loadable {
  webhooks: WebhookItem[];
  secret: ShownSecret | null;
  /** The delivery log of the webhook whose log is open. */
  deliveries: { webhookId: string; items: DeliveryItem[] } | null;
  refresh(): Promise<void>;
  create(url: string, events: WebhookEvent[]): Promise<WebhookItem | undefined>;
  rotate(id: string): Promise<void>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  loadDeliveries(id: string): Promise<void>;
  /** Sends a webhook.test event now; then shows the log with its attempt. */
  sendTest(id: string): Promise<void>;
  dismissSecret(): void;
}

export const useWebhooks = create<WebhooksState>((set, get) => {
  const replace = (w: WebhookItem) => set({ webhooks: get().webhooks.map((x) => (x.id === w.id ? w : x)) });
  return {
    ...IDLE,
    webhooks: [],
    secret: null,
    deliveries: null,
    async refresh() {
      await attempt(set, async () => set({ webhooks: (await client().webhooks.list.query({})).webhooks }));
    },
    async create(url, events) {
      const r = await attempt(set, () => client().webhooks.create.mutate({ url, events }));
      if (!r) return undefined;
      set({ webhooks: [...get().webhooks, r.webhook], secret: { webhookId: r.webhook.id, secret: r.secret, reason: 'created' } });
      return r.webhook;
    },
    async rotate(id) {
      const r = await attempt(set, () => client().webhooks.rotateSecret.mutate({ webhookId: id }));
      if (!r) return;
      set({ secret: { webhookId: id, secret: r.secret, reason: 'rotated' }, webhooks: get().webhooks.map((w) => (w.id === id ? { ...w, previousSecretValidUntil: r.previousSecretValidUntil } : w)) });
    },
    async setEnabled(id, enabled) {
      const r = await attempt(set, () => (enabled ? client().webhooks.enable.mutate({ webhookId: id }) : client().webhooks.disable.mutate({ webhookId: id })));
      if (r) replace(r);
    },
    async remove(id) {
      const r = await attempt(set, () => client().webhooks.delete.mutate({ webhookId: id }));
      if (!r) return;
      set({ webhooks: get().webhooks.filter((w) => w.id !== id), deliveries: get().deliveries?.webhookId === id ? null : get().deliveries });
      if (get().secret?.webhookId === id) set({ secret: null });
    },
    async loadDeliveries(id) {
      const r = await attempt(set, () => client().webhooks.deliveries.query({ webhookId: id, limit: 50 }));
      if (r) set({ deliveries: { webhookId: id, items: r.deliveries } });
    },
    async sendTest(id) {
      const r = await attempt(set, () => client().webhooks.test.mutate({ webhookId: id }));
      if (!r) return;
      await get().loadDeliveries(id);
      if (!r.ok) set({ error: `The test delivery failed: ${r.error ?? `the receiver answered ${r.responseStatus}`}` });
    },
    dismissSecret() {
      set({ secret: null });
    },
  };
});
