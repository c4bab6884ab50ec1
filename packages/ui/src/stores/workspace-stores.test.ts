import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, startWebhookStack, type WebhookStack } from '../../../api/test/webhooks/setup.ts';
import { createStudioClient, setClient, webLink } from '../client.ts';
import { AuthSession, setSession } from '../session.ts';
import { useApiKeys } from './api-keys-store.ts';
import { useAuth } from './auth-store.ts';
import { useCredentials } from './credentials-store.ts';
import { useMembers } from './members-store.ts';
import { useProxies } from './proxies-store.ts';
import { describeNextRun, useSchedules } from './schedules-store.ts';
import { useWebhooks } from './webhooks-store.ts';
import { useWorkspaces } from './workspaces-store.ts';

// The stores against a real API over HTTP: `scrapifie serve`'s local mode (no sign-in), a SQLite AppStore in its own
// file, a real secret cipher and webhook dispatcher, a real receiver for the deliveries.
let stack: WebhookStack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  stack = await startWebhookStack({ server: true });
  receiver = await startReceiver();
  const session = new AuthSession(stack.api!.url);
  setSession(session);
  setClient(createStudioClient(webLink(stack.api!.url, session)));
});

afterAll(async () => {
  await receiver?.close();
  await stack?.close();
});

beforeEach(async () => {
  await useAuth.getState().init();
});

describe('local mode', () => {
  it('needs no sign-in: the caller is the local owner, in the local workspace', () => {
    expect(useAuth.getState()).toMatchObject({ mode: 'local', needsSignIn: false, error: null });
    expect(useWorkspaces.getState().currentId).toBe(stack.workspaceId);
    expect(useWorkspaces.getState().workspaces).toEqual([expect.objectContaining({ id: stack.workspaceId, name: 'hooks', role: 'owner' })]);
  });

  it('renames the workspace', async () => {
    expect(await useWorkspaces.getState().rename('Acme scraping')).toBe(true);
    expect((await stack.app.getWorkspace(stack.workspaceId))?.name).toBe('Acme scraping');
    expect(useWorkspaces.getState().workspaces[0]?.name).toBe('Acme scraping');
  });
});

describe('schedules store', () => {
  it('schedules a library recipe, shows when it runs next, disables, enables and deletes it', async () => {
    const { client } = await import('../client.ts');
    const recipe = await client().recipes.create.mutate({ recipe: { version: 1, name: 'products', start: { urls: ['https://shop.example/list/1'] }, page: { items: { css: 'article', fields: { title: { css: 'h2' } } } } } });
    const s = useSchedules.getState();
    await s.refresh();
    expect(useSchedules.getState().recipes.map((r) => r.name)).toContain('products');
    const created = await s.create({ recipeId: recipe.id, name: 'weekday mornings', cron: '0 6 * * 1-5', timezone: 'Europe/Paris' });
    expect(created?.nextRunAt).toBeTruthy();
    const next = Date.parse(created!.nextRunAt!);
    expect(next).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('06:00');
    expect(describeNextRun(created!.nextRunAt, 'Europe/Paris', Date.now(), 'en-GB')).toMatch(/^(Mon|Tue|Wed|Thu|Fri) \d+ \w+, 06:00 CET \(in \d+ (min|h|days)\)$/);
    expect(describeNextRun(null, 'UTC')).toBe('never (disabled)');

    await useSchedules.getState().setEnabled(created!.id, false);
    expect(useSchedules.getState().schedules.find((x) => x.id === created!.id)).toMatchObject({ enabled: false, nextRunAt: null });
    await useSchedules.getState().setEnabled(created!.id, true);
    expect(useSchedules.getState().schedules.find((x) => x.id === created!.id)?.nextRunAt).toBeTruthy();

    await useSchedules.getState().remove(created!.id);
    await useSchedules.getState().refresh();
    expect(useSchedules.getState().schedules.map((x) => x.id)).not.toContain(created!.id);
  });

  it("shows the API's message for a bad cron expression and keeps nothing", async () => {
    const recipeId = useSchedules.getState().recipes[0]!.id;
    expect(await useSchedules.getState().create({ recipeId, name: 'bad', cron: '61 * * * *', timezone: 'UTC' })).toBeUndefined();
    expect(useSchedules.getState().error).toMatch(/^cron: bad cron expression "61 \* \* \* \*"/);
    expect(await useSchedules.getState().create({ recipeId, name: 'bad zone', cron: '0 6 * * *', timezone: 'Mars/Olympus' })).toBeUndefined();
    expect(useSchedules.getState().error).toMatch(/unknown time zone "Mars\/Olympus"/);
    await useSchedules.getState().refresh();
    expect(useSchedules.getState().schedules).toEqual([]);
  });
});

describe('credentials and proxies stores', () => {
  const VALUE = 'correct-horse-battery-staple-9Zx4';

  it('stores a credential whose value is never listed (a masked hint only), replaces and deletes it', async () => {
    const c = await useCredentials.getState().create({ name: 'proxy pass', kind: 'proxy', value: VALUE, username: 'scraper' });
    expect(c?.hint).toMatch(/9Zx4$/);
    expect(c?.hint).not.toContain('staple');
    await useCredentials.getState().refresh();
    const listed = JSON.stringify(useCredentials.getState().credentials);
    expect(listed).toContain('proxy pass');
    expect(listed).not.toContain('battery');
    expect(await useCredentials.getState().replace(c!.id, 'another-value-QQ77')).toBe(true);
    expect(useCredentials.getState().credentials.find((x) => x.id === c!.id)?.hint).toMatch(/QQ77$/);
  });

  it('adds a proxy with a tier, a country and a credential reference, and deletes it', async () => {
    const credentialId = useCredentials.getState().credentials[0]!.id;
    const p = await useProxies.getState().create({ name: 'dc-1', url: 'http://scraper@proxy.example:8080', tier: 'residential', country: 'de', credentialId });
    expect(p).toMatchObject({ tier: 'residential', country: 'DE', credentialId });
    await useProxies.getState().refresh();
    expect(useProxies.getState().proxies.map((x) => x.name)).toEqual(['dc-1']);
    await useProxies.getState().remove(p!.id);
    expect(useProxies.getState().proxies).toEqual([]);
  });

  it('refuses a proxy URL holding a password with a message that says where the password goes', async () => {
    expect(await useProxies.getState().create({ name: 'leaky', url: 'http://u:hunter2@proxy.example:8080', tier: 'datacenter' })).toBeUndefined();
    expect(useProxies.getState().error).toMatch(/^url: the URL holds a password: store the password as a credential/);
    expect(useProxies.getState().error).not.toContain('hunter2');
  });

  it('deletes a credential', async () => {
    const id = useCredentials.getState().credentials[0]!.id;
    await useCredentials.getState().remove(id);
    await useCredentials.getState().refresh();
    expect(useCredentials.getState().credentials).toEqual([]);
  });
});

describe('webhooks store', () => {
  it('shows the signing secret once (never in a list), rotates it, sends a test and logs the delivery', async () => {
    const w = await useWebhooks.getState().create(`${receiver.url}/ok`, ['run.completed', 'run.failed']);
    const first = useWebhooks.getState().secret;
    expect(first).toMatchObject({ webhookId: w!.id, reason: 'created' });
    expect(first!.secret).toMatch(/^whsec_/);
    useWebhooks.getState().dismissSecret();
    await useWebhooks.getState().refresh();
    expect(useWebhooks.getState().secret).toBeNull();
    expect(JSON.stringify(useWebhooks.getState().webhooks)).not.toContain(first!.secret.slice(6));

    await useWebhooks.getState().rotate(w!.id);
    const rotated = useWebhooks.getState().secret;
    expect(rotated).toMatchObject({ webhookId: w!.id, reason: 'rotated' });
    expect(rotated!.secret).not.toBe(first!.secret);
    expect(useWebhooks.getState().webhooks[0]?.previousSecretValidUntil).toBeTruthy();

    await useWebhooks.getState().sendTest(w!.id);
    expect(useWebhooks.getState().error).toBeNull();
    expect(receiver.on('/ok').length).toBeGreaterThanOrEqual(1);
    const log = useWebhooks.getState().deliveries;
    expect(log?.webhookId).toBe(w!.id);
    expect(log?.items[0]).toMatchObject({ eventType: 'webhook.test', outcome: 'succeeded', responseStatus: 204 });
    expect(log!.items[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('shows a failed test delivery with the receiver status, disables, enables and deletes', async () => {
    const w = await useWebhooks.getState().create(`${receiver.url}/fail`, ['run.started']);
    await useWebhooks.getState().sendTest(w!.id);
    expect(useWebhooks.getState().error).toMatch(/^The test delivery failed: HTTP 500/);
    expect(useWebhooks.getState().deliveries?.items[0]).toMatchObject({ outcome: 'failed', responseStatus: 500 });
    await useWebhooks.getState().setEnabled(w!.id, false);
    expect(useWebhooks.getState().webhooks.find((x) => x.id === w!.id)?.enabled).toBe(false);
    await useWebhooks.getState().setEnabled(w!.id, true);
    expect(useWebhooks.getState().webhooks.find((x) => x.id === w!.id)?.enabled).toBe(true);
    await useWebhooks.getState().remove(w!.id);
    await useWebhooks.getState().refresh();
    expect(useWebhooks.getState().webhooks.map((x) => x.id)).not.toContain(w!.id);
  });
});

describe('API keys and members stores', () => {
  it('shows a new key once; the list has its prefix only; revoking marks it revoked', async () => {
    const k = await useApiKeys.getState().create('ci-bot', 'editor');
    const key = useApiKeys.getState().created!.key;
    expect(key.startsWith(k!.prefix)).toBe(true);
    useApiKeys.getState().dismissKey();
    await useApiKeys.getState().refresh();
    const listed = useApiKeys.getState().keys;
    expect(listed).toEqual([expect.objectContaining({ name: 'ci-bot', prefix: k!.prefix, role: 'editor', lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key);
    await useApiKeys.getState().revoke(k!.id);
    expect(useApiKeys.getState().keys[0]?.revokedAt).toBeTruthy();
  });

  it('adds a member by e-mail, changes the role, removes them; an unknown e-mail shows the API message', async () => {
    const other = await stack.app.createUser({ email: 'grace@example.test', passwordHash: 'not-used' });
    const m = await useMembers.getState().add('grace@example.test', 'viewer');
    expect(m).toMatchObject({ userId: other.id, role: 'viewer' });
    await useMembers.getState().setRole(other.id, 'admin');
    expect(useMembers.getState().members.find((x) => x.userId === other.id)?.role).toBe('admin');
    await useMembers.getState().remove(other.id);
    await useMembers.getState().refresh();
    expect(useMembers.getState().members.map((x) => x.email)).not.toContain('grace@example.test');

    expect(await useMembers.getState().add('nobody@example.test', 'editor')).toBeUndefined();
    expect(useMembers.getState().error).toBe('No user with e-mail nobody@example.test: they must register first');
  });
});
