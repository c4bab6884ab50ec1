import { describe, expect, it } from 'vitest';
import { createTargetGuard, type Resolver } from '../src/index.ts';

// The SSRF guard against the URL forms attackers use to reach internal addresses. Host names resolve through a
// resolver the test controls (the guard's own DNS rebinding defence is tested over real connections in ssrf.test.ts).
const names: Record<string, string[]> = {
  'internal.example': ['10.0.0.5'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.216.34', '127.0.0.1'], // one public, one loopback answer: refused
  'v6-internal.example': ['fd00::1'],
  'localtest.me': ['127.0.0.1'],
  'public.example': ['93.184.216.34'],
};
const resolve: Resolver = async (host) => {
  const found = names[host.replace(/\.$/, '').toLowerCase()];
  if (!found) throw new Error(`no such host ${host}`);
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const guard = createTargetGuard({ allow: [], resolve });

const REFUSED = [
  // IPv4 loopback in every notation
  'http://127.0.0.1/', 'http://127.0.0.2:8080/', 'http://127.255.255.254/', 'http://2130706433/', 'http://0x7f000001/', 'http://0x7f.0x0.0x0.0x1/',
  'http://0177.0.0.1/', 'http://017700000001/', 'http://127.1/', 'http://127.0.1/', 'http://0x7f.1/', 'http://127.000.000.001/',
  // private ranges, decimal/hex/octal
  'http://10.0.0.1/', 'http://10.255.255.255/', 'http://167772161/', 'http://0x0a000001/', 'http://012.0.0.1/', 'http://172.16.0.1/',
  'http://172.31.255.254/', 'http://192.168.0.1/', 'http://3232235521/', 'http://0xc0a80001/',
  // link-local and cloud metadata
  'http://169.254.169.254/latest/meta-data/', 'http://2852039166/', 'http://0xa9fea9fe/', 'http://0251.0376.0251.0376/', 'http://169.254.0.1/',
  // carrier-grade NAT, unspecified, broadcast, multicast, reserved, benchmarking, protocol assignments
  'http://100.64.0.1/', 'http://100.127.255.254/', 'http://0.0.0.0/', 'http://0/', 'http://255.255.255.255/', 'http://224.0.0.1/',
  'http://239.255.255.250/', 'http://240.0.0.1/', 'http://198.18.0.1/', 'http://192.0.0.1/',
  // IPv6: loopback, unspecified, mapped and translated IPv4, unique local, link-local, multicast
  'http://[::1]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://[::]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/',
  'http://[::ffff:169.254.169.254]/', 'http://[::ffff:10.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/', 'http://[fd00::1]/', 'http://[fc00::1]/',
  'http://[fe80::1]/', 'http://[ff02::1]/',
  // names: localhost in its spellings, names that resolve inside, a mixed answer
  'http://localhost/', 'http://LOCALHOST:3000/', 'http://localhost./', 'http://internal.example/', 'http://metadata.example/latest/',
  'http://mixed.example/', 'http://v6-internal.example/', 'http://localtest.me/', 'http://internal.example./',
  // userinfo and port tricks
  'https://user:pass@10.1.2.3:8443/x', 'http://public.example@127.0.0.1/', 'http://127.0.0.1:80@public.example@10.0.0.1/',
  'HTTP://127.0.0.1/', 'http://%31%32%37.0.0.1/',
] as const;

describe('the SSRF guard on URL forms', () => {
  it('covers at least 60 forms', () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(60);
  });

  it.each(REFUSED)('refuses %s', async (url) => {
    await expect(guard.checkUrl(url)).rejects.toMatchObject({ code: 'INVALID_URL' });
  });

  it.each(['file:///etc/passwd', 'gopher://127.0.0.1:70/', 'ftp://example.com/', 'dict://127.0.0.1:11211/', 'ldap://127.0.0.1/', 'javascript:alert(1)', 'data:text/html,x', 'ws://127.0.0.1/'])(
    'refuses the scheme of %s',
    async (url) => {
      await expect(guard.checkUrl(url)).rejects.toMatchObject({ code: 'INVALID_URL' });
    },
  );

  it('lets public targets through, and internal ones only when the allow-list names them', async () => {
    await expect(guard.checkUrl('http://public.example/')).resolves.toBeUndefined();
    await expect(guard.checkUrl('https://93.184.216.34/')).resolves.toBeUndefined();
    const allowed = createTargetGuard({ allow: ['10.0.0.0/8', 'internal.example'], resolve });
    await expect(allowed.checkUrl('http://10.2.3.4/')).resolves.toBeUndefined();
    await expect(allowed.checkUrl('http://internal.example/')).resolves.toBeUndefined();
    await expect(allowed.checkUrl('http://192.168.0.1/')).rejects.toMatchObject({ code: 'INVALID_URL' });
    await expect(guard.checkUrl('http://no-such-host.example/')).rejects.toMatchObject({ code: 'INVALID_URL' });
  });
});
