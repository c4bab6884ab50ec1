import { AppStoreError } from '@scrapifie/engine';
import { expect, it } from 'vitest';
import { at, HOUR, type AppStoreContext } from './fixtures.ts';

const code = (c: AppStoreError['code']) => expect.objectContaining({ name: 'AppStoreError', code: c });

/** describeAppStore's cases for what a workspace connects to: webhooks, credentials, proxies. */
export function integrationCases(ctx: AppStoreContext): void {
  it('rotates webhook secrets: both stay valid until the old one expires', async () => {
    const { store, owner, workspace } = ctx;
    const hook = await store.createWebhook({ workspaceId: workspace.id, url: 'https://hooks.example/in', events: ['run.completed', 'run.failed'], secretCiphertext: 'enc:one' });
    expect(hook.secrets.map((s) => [s.ciphertext, s.expiresAt])).toEqual([['enc:one', null]]);
    expect(await store.rotateWebhookSecret(workspace.id, hook.id, 'enc:two', at(HOUR))).toBe(true);
    const during = await store.getWebhook(workspace.id, hook.id, at(HOUR - 1));
    expect(during?.secrets.map((s) => [s.ciphertext, s.expiresAt])).toEqual([
      ['enc:two', null],
      ['enc:one', at(HOUR)],
    ]);
    const after = await store.getWebhook(workspace.id, hook.id, at(HOUR));
    expect(after?.secrets.map((s) => s.ciphertext)).toEqual(['enc:two']);
    const other = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    expect(await store.rotateWebhookSecret(other.id, hook.id, 'enc:evil', at(HOUR))).toBe(false);
    expect(await store.getWebhook(other.id, hook.id, at(0))).toBeNull();
    await expect(store.createWebhook({ workspaceId: workspace.id, url: 'ftp://x', events: ['run.completed'], secretCiphertext: 'e' })).rejects.toThrow(/http\(s\)/);
    await expect(store.createWebhook({ workspaceId: workspace.id, url: 'https://x', events: [], secretCiphertext: 'e' })).rejects.toThrow(/events/);
  });

  it('logs deliveries, counts consecutive failures, and keeps the disabled state', async () => {
    const { store, workspace } = ctx;
    const hook = await store.createWebhook({ workspaceId: workspace.id, url: 'https://hooks.example/in', events: ['run.completed'], secretCiphertext: 'enc' });
    const fail = (attempt: number) => store.recordDelivery({ webhookId: hook.id, eventId: 'msg_1', eventType: 'run.completed', attempt, outcome: 'failed', responseStatus: 500, durationMs: 12 });
    expect(await fail(1)).toEqual({ consecutiveFailures: 1 });
    expect(await fail(2)).toEqual({ consecutiveFailures: 2 });
    expect(await store.recordDelivery({ webhookId: hook.id, eventId: 'msg_1', eventType: 'run.completed', attempt: 3, outcome: 'succeeded', responseStatus: 204, durationMs: 8 })).toEqual({ consecutiveFailures: 0 });
    expect(await store.recordDelivery({ webhookId: hook.id, eventId: 'msg_2', eventType: 'run.completed', attempt: 1, outcome: 'failed', error: 'ECONNREFUSED', durationMs: 3 })).toEqual({ consecutiveFailures: 1 });
    const log = await store.listDeliveries(workspace.id, hook.id, 10);
    expect(log.map((d) => [d.eventId, d.attempt, d.outcome, d.responseStatus, d.error])).toEqual([
      ['msg_2', 1, 'failed', null, 'ECONNREFUSED'],
      ['msg_1', 3, 'succeeded', 204, null],
      ['msg_1', 2, 'failed', 500, null],
      ['msg_1', 1, 'failed', 500, null],
    ]);
    expect(await store.listDeliveries(workspace.id, hook.id, 2)).toHaveLength(2);

    expect((await store.webhooksFor(workspace.id, 'run.completed', at(0))).map((h) => h.id)).toEqual([hook.id]);
    expect(await store.webhooksFor(workspace.id, 'run.failed', at(0))).toEqual([]);
    expect(await store.setWebhookDisabled(workspace.id, hook.id, { at: at(HOUR), reason: 'failing for 5 days' })).toBe(true);
    expect(await store.getWebhook(workspace.id, hook.id, at(0))).toMatchObject({ disabledAt: at(HOUR), disabledReason: 'failing for 5 days', consecutiveFailures: 1 });
    expect(await store.webhooksFor(workspace.id, 'run.completed', at(0))).toEqual([]);
    await store.setWebhookDisabled(workspace.id, hook.id, null);
    expect(await store.getWebhook(workspace.id, hook.id, at(0))).toMatchObject({ disabledAt: null, disabledReason: null, consecutiveFailures: 0 });

    expect(await store.updateWebhook(workspace.id, hook.id, { events: ['run.failed'] })).toBe(true);
    expect((await store.webhooksFor(workspace.id, 'run.failed', at(0))).map((h) => h.id)).toEqual([hook.id]);
    expect(await store.deleteWebhook(workspace.id, hook.id)).toBe(true);
    expect(await store.listWebhooks(workspace.id, at(0))).toEqual([]);
    await expect(fail(9)).rejects.toEqual(code('not_found'));
  });

  it('keeps credentials as ciphertext with a hint, unique by name per workspace', async () => {
    const { store, owner, workspace } = ctx;
    const c = await store.createCredential({ workspaceId: workspace.id, name: 'proxy-pass', kind: 'password', ciphertext: 'v1:iv:tag:data', hint: '••••ab12' });
    expect(c).not.toHaveProperty('ciphertext');
    expect(await store.listCredentials(workspace.id)).toEqual([c]);
    expect(await store.getCredential(workspace.id, c.id)).toEqual({ ...c, ciphertext: 'v1:iv:tag:data' });
    expect((await store.getCredentialByName(workspace.id, 'proxy-pass'))?.id).toBe(c.id);
    await expect(store.createCredential({ workspaceId: workspace.id, name: 'proxy-pass', kind: 'password', ciphertext: 'x' })).rejects.toEqual(code('conflict'));
    const other = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    expect((await store.createCredential({ workspaceId: other.id, name: 'proxy-pass', kind: 'password', ciphertext: 'y' })).name).toBe('proxy-pass');
    expect(await store.getCredential(other.id, c.id)).toBeNull();
    expect(await store.updateCredential(workspace.id, c.id, { ciphertext: 'v1:new', hint: '••••cd34' })).toBe(true);
    expect(await store.getCredential(workspace.id, c.id)).toMatchObject({ ciphertext: 'v1:new', hint: '••••cd34' });
    expect(await store.deleteCredential(other.id, c.id)).toBe(false);
    expect(await store.deleteCredential(workspace.id, c.id)).toBe(true);
    expect(await store.listCredentials(workspace.id)).toEqual([]);
  });

  it('keeps proxy entries with a credential of the same workspace, never a password in the URL', async () => {
    const { store, owner, workspace } = ctx;
    const cred = await store.createCredential({ workspaceId: workspace.id, name: 'dc', kind: 'password', ciphertext: 'enc' });
    const p = await store.createProxy({ workspaceId: workspace.id, name: 'dc-1', url: 'http://user@10.0.0.1:8080', tier: 'datacenter', credentialId: cred.id, country: 'us' });
    expect(p).toMatchObject({ tier: 'datacenter', credentialId: cred.id, country: 'us', enabled: true });
    await expect(store.createProxy({ workspaceId: workspace.id, name: 'leak', url: 'http://user:secret@10.0.0.1:8080', tier: 'datacenter' })).rejects.toThrow(/password/);
    await expect(store.createProxy({ workspaceId: workspace.id, name: 'bad', url: 'http://10.0.0.2', tier: 'none' as never })).rejects.toThrow(/tier/);
    const other = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    await expect(store.createProxy({ workspaceId: other.id, name: 'x', url: 'http://10.0.0.3', tier: 'mobile', credentialId: cred.id })).rejects.toEqual(code('not_found'));
    await expect(store.createProxy({ workspaceId: workspace.id, name: 'dc-1', url: 'http://10.0.0.4', tier: 'residential' })).rejects.toEqual(code('conflict'));

    expect(await store.updateProxy(workspace.id, p.id, { enabled: false, tier: 'residential' })).toMatchObject({ enabled: false, tier: 'residential', name: 'dc-1' });
    expect(await store.updateProxy(other.id, p.id, { enabled: true })).toBeNull();
    // Deleting the credential leaves the proxy without one (it is not deleted with it).
    await store.deleteCredential(workspace.id, cred.id);
    expect((await store.listProxies(workspace.id)).map((x) => [x.name, x.credentialId])).toEqual([['dc-1', null]]);
    expect(await store.deleteProxy(workspace.id, p.id)).toBe(true);
    expect(await store.listProxies(workspace.id)).toEqual([]);
  });

  it('deletes everything a workspace owns with it', async () => {
    const { store, workspace } = ctx;
    const key = await store.createApiKey({ workspaceId: workspace.id, name: 'k', prefix: 'sk_gone', keyHash: 'h', role: 'viewer' });
    const hook = await store.createWebhook({ workspaceId: workspace.id, url: 'https://hooks.example/in', events: ['run.completed'], secretCiphertext: 'enc' });
    await store.recordDelivery({ webhookId: hook.id, eventId: 'm', eventType: 'run.completed', attempt: 1, outcome: 'succeeded', durationMs: 1 });
    await store.createCredential({ workspaceId: workspace.id, name: 'c', kind: 'token', ciphertext: 'enc' });
    await store.recordUsage(workspace.id, { at: at(0), pagesByTier: { http: 1 } });
    await store.consumeQuota(workspace.id, { metric: 'pages', period: '2030-01', amount: 1, limit: 10 });
    expect(await store.deleteWorkspace(workspace.id)).toBe(true);
    expect(await store.findApiKeyByPrefix(key.prefix)).toBeNull();
    expect(await store.listWebhooks(workspace.id, at(0))).toEqual([]);
    expect(await store.listCredentials(workspace.id)).toEqual([]);
    expect(await store.usage(workspace.id, { granularity: 'month' })).toEqual([]);
    expect(await store.quotaUsed(workspace.id, 'pages', '2030-01')).toBe(0);
  });
}
