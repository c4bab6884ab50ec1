import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startAppStack, type AppStack } from './app-stack.ts';

let s: AppStack;
beforeAll(async () => {
  s = await startAppStack();
});
afterAll(async () => {
  await s?.close();
});

describe('proxies', () => {
  it('create (admin) with a credential reference; list (viewer); update; delete', async () => {
    const cred = await s.as('editor').credentials.create({ name: 'proxy pw', kind: 'proxy', value: 'proxy-pass-5555', username: 'puser' });
    const p = await s.as('admin').proxies.create({ name: 'de resi', url: 'http://puser@gw.proxy.example:8000/', tier: 'residential', country: 'de', credentialId: cred.id });
    expect(p).toMatchObject({ name: 'de resi', url: 'http://puser@gw.proxy.example:8000', tier: 'residential', country: 'DE', credentialId: cred.id, enabled: true });
    const { proxies } = await s.as('viewer').proxies.list({});
    expect(proxies.map((x) => x.id)).toEqual([p.id]);
    const changed = await s.as('admin').proxies.update({ proxyId: p.id, url: 'socks5://gw2.proxy.example:1080', tier: 'mobile', enabled: false, credentialId: null });
    expect(changed).toMatchObject({ url: 'socks5://gw2.proxy.example:1080', tier: 'mobile', enabled: false, credentialId: null, country: 'DE' });
    expect(await s.as('admin').proxies.delete({ proxyId: p.id })).toEqual({ deleted: true });
    expect((await s.as('viewer').proxies.list({})).proxies).toEqual([]);
    await expect(s.as('admin').proxies.delete({ proxyId: p.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No proxy ${p.id} in this workspace` });
    await expect(s.as('admin').proxies.update({ proxyId: p.id, name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a password in the URL, telling the user to use a credential, without echoing it', async () => {
    const err = await failure(s.as('admin').proxies.create({ name: 'bad', url: 'http://u:s3cr3t-pw@gw.proxy.example:8000', tier: 'datacenter' }));
    expect(err).toMatchObject({ code: 'BAD_REQUEST', message: 'url: the URL holds a password: store the password as a credential (kind "proxy") and pass its id as credentialId' });
    expect(JSON.stringify(err)).not.toContain('s3cr3t-pw');
    expect(err.cause.issues).toEqual([{ path: 'url', message: expect.stringContaining('credential') }]);
  });

  it('refuses other schemes, non-URLs and paths, naming the field', async () => {
    const create = (url: string) => s.as('admin').proxies.create({ name: 'x', url, tier: 'datacenter' });
    await expect(create('ftp://gw.proxy.example:21')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'url: the scheme must be http, https or socks5 (got ftp)' });
    await expect(create('gw.proxy.example:8000')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('url: the scheme must be') });
    await expect(create('not a url')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('url: not a URL') });
    await expect(create('http://gw.proxy.example:8000/path')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('no path') });
    await expect(s.as('admin').proxies.create({ name: 'x', url: 'http://h:1', tier: 'satellite' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('tier') });
    await expect(s.as('admin').proxies.create({ name: 'x', url: 'http://h:1', tier: 'mobile', country: 'DEU' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('country') });
  });

  it("needs admin to write; a credential of another workspace is NOT_FOUND; deleting the credential clears the reference", async () => {
    await expect(s.as('editor').proxies.create({ name: 'x', url: 'http://h:1', tier: 'mobile' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await s.app.createWorkspace({ name: 'Other', ownerId: s.userId });
    const foreign = await s.as('owner', other.id).credentials.create({ name: 'theirs', kind: 'proxy', value: 'their-pass' });
    await expect(s.as('admin').proxies.create({ name: 'x', url: 'http://h:1', tier: 'mobile', credentialId: foreign.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No credential') });
    const cred = await s.as('editor').credentials.create({ name: 'short-lived', kind: 'proxy', value: 'short-lived-pass' });
    const p = await s.as('admin').proxies.create({ name: 'dc', url: 'https://dc.proxy.example:443', tier: 'datacenter', credentialId: cred.id });
    await s.as('admin').credentials.delete({ credentialId: cred.id });
    expect((await s.as('viewer').proxies.list({})).proxies.find((x) => x.id === p.id)).toMatchObject({ credentialId: null });
  });
});
