import { InvalidInputError } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { parseProxyPoolConfig, ProxyPool, redactProxyUrl } from '../src/index.ts';

function configError(input: unknown): InvalidInputError {
  try {
    parseProxyPoolConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('proxy pool configuration', () => {
  it('fills the seed defaults and accepts a bare URL as a datacenter proxy', () => {
    const c = parseProxyPoolConfig({ proxies: ['http://u:p@dc1.example:8000'] });
    expect(c.cooldownMs).toBe(30_000);
    expect(c.maxFailuresBeforeRemoval).toBe(5);
    expect(c.healthCheckIntervalMs).toBe(60_000);
    expect(c.proxies[0]).toEqual({ url: 'http://u:p@dc1.example:8000', tier: 'datacenter' });
  });

  it('names the entry with a bad scheme and lists the allowed ones, without the password', () => {
    const e = configError({ proxies: ['http://ok.example:8000', { url: 'ftp://user:hunter2@files.example:21', tier: 'residential' }] });
    expect(e.message).toContain('proxies[1].url');
    expect(e.message).toMatch(/scheme "ftp".*use http, https, socks5, socks5h/);
    expect(e.message).toContain('ftp://files.example:21');
    expect(e.message).not.toContain('hunter2');
    expect(e.issues[0]?.path).toBe('proxies[1].url');
  });

  it('accepts socks5 and socks5h, rejects socks4 and garbage', () => {
    expect(() => parseProxyPoolConfig({ proxies: ['socks5://h:1080', 'socks5h://h:1081', 'https://h:443'] })).not.toThrow();
    expect(configError({ proxies: ['socks4://h:1080'] }).message).toMatch(/proxies\[0\].*socks4/);
    const bad = configError({ proxies: ['not a url with secret'] });
    expect(bad.message).toMatch(/proxies\[0\].*not a valid proxy URL/);
    expect(bad.message).not.toContain('secret');
  });

  it('rejects an empty pool, unknown tiers, unknown fields and duplicate ids', () => {
    expect(configError({}).message).toMatch(/at least one proxy or template/);
    expect(configError({ proxies: [{ url: 'http://h:1', tier: 'satellite' }] }).message).toContain('proxies[0].tier');
    expect(configError({ proxies: ['http://h:1'], cooldown: 5 }).message).toMatch(/unknown field "cooldown"/);
    expect(configError({ proxies: [{ id: 'a', url: 'http://h:1' }, { id: 'a', url: 'http://h:2' }] }).message).toMatch(/duplicate proxy id "a"/);
  });

  it('checks templates: placeholders, credentials, country rules and scheme', () => {
    const base = { provider: 'acme', tier: 'residential', username: 'bob', password: 's3cret-pw' };
    expect(configError({ templates: [{ ...base, template: 'http://{user}:{password}@gw.acme:7000' }] }).message)
      .toMatch(/templates\[0\].template: unknown placeholder \{user\}/);
    expect(configError({ templates: [{ ...base, password: undefined, template: 'http://{username}:{password}@gw.acme:7000' }] }).message)
      .toMatch(/templates\[0\].password: the template uses \{password\}/);
    expect(configError({ templates: [{ ...base, template: 'http://u-{username}-country-{country}:{password}@gw.acme:7000' }] }).message)
      .toMatch(/requires \{country\}: set defaultCountry or countries/);
    expect(configError({ templates: [{ ...base, defaultCountry: 'us', template: 'http://{username}:{password}@gw.acme:7000' }] }).message)
      .toMatch(/no \{country\} placeholder/);
    const scheme = configError({ templates: [{ ...base, template: 'ftp://{username}:{password}@gw.acme:7000' }] });
    expect(scheme.message).toMatch(/templates\[0\].template: scheme "ftp"/);
    expect(scheme.message).not.toContain('s3cret-pw');
  });

  it('the pool constructor validates too', () => {
    expect(() => new ProxyPool({ proxies: ['gopher://h:70'] })).toThrow(/proxies\[0\].url: scheme "gopher"/);
  });
});

describe('redactProxyUrl', () => {
  it('keeps scheme, host and port only', () => {
    expect(redactProxyUrl('http://user:pa%40ss@proxy.example:8000/path?session=1')).toBe('http://proxy.example:8000');
    expect(redactProxyUrl('socks5h://u:p@10.1.2.3:1080')).toBe('socks5h://10.1.2.3:1080');
    expect(redactProxyUrl('http://proxy.example')).toBe('http://proxy.example:80');
    expect(redactProxyUrl('https://u:p@[::1]:9443')).toBe('https://[::1]:9443');
    expect(redactProxyUrl('http://user-{username}-session-{session}:{password}@gw.acme:7000')).toBe('http://gw.acme:7000');
  });

  it('never returns the password of a URL it cannot parse', () => {
    for (const raw of ['http://us er:topsecret@bad host:80', 'topsecret', 'http://user:topsecret@', '://:topsecret@h:1']) {
      expect(redactProxyUrl(raw)).not.toContain('topsecret');
    }
  });
});
