/**
 * Who a request comes from: the socket, unless it is a trusted proxy, then X-Forwarded-For read from the right one
 * trusted hop at a time; counted by IPv4 address or IPv6 /64.
 */
import type { IncomingMessage } from 'node:http';
import { ClientAddresses, addressKey, isLoopbackAddress } from '../../src/server/client-address';
import { isServedHost } from '../../src/server/host-check';

const req = (socket: string, xff?: string) =>
  ({
    socket: { remoteAddress: socket },
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  }) as unknown as IncomingMessage;

describe('the client address', () => {
  test.each<[string, ConstructorParameters<typeof ClientAddresses>[0], string, string | undefined, string]>([
    [
      'no trusted proxy: the socket, whatever X-Forwarded-For says',
      { hops: 0 },
      '198.51.100.7',
      '1.2.3.4',
      '198.51.100.7',
    ],
    ['one hop: the address the proxy saw', { hops: 1 }, '10.0.0.2', '203.0.113.5', '203.0.113.5'],
    ['one hop: a client-written left part is ignored', { hops: 1 }, '10.0.0.2', '1.1.1.1, 203.0.113.5', '203.0.113.5'],
    ['two hops', { hops: 2 }, '10.0.0.2', '1.1.1.1, 203.0.113.5, 10.0.0.9', '203.0.113.5'],
    ['more hops than entries: the leftmost', { hops: 3 }, '10.0.0.2', '203.0.113.5', '203.0.113.5'],
    ['one hop, no header: the socket', { hops: 1 }, '10.0.0.2', undefined, '10.0.0.2'],
    [
      'ranges: trusted proxies are skipped',
      { ranges: ['10.0.0.0/8'] },
      '10.0.0.2',
      '1.1.1.1, 203.0.113.5, 10.1.2.3',
      '203.0.113.5',
    ],
    [
      'ranges: an untrusted socket is the client',
      { ranges: ['10.0.0.0/8'] },
      '198.51.100.7',
      '203.0.113.5',
      '198.51.100.7',
    ],
    [
      'ranges: garbage left of the last good entry stops the walk',
      { ranges: ['10.0.0.0/8'] },
      '10.0.0.2',
      '10.0.0.3, evil, 10.0.0.4',
      '10.0.0.4',
    ],
    ['IPv4 of a dual-stack socket', { hops: 0 }, '::ffff:198.51.100.7', undefined, '198.51.100.7'],
    ['IPv6 proxies in ranges', { ranges: ['fd00::/8'] }, 'fd00::1', '2001:db8::5', '2001:db8::5'],
  ])('%s', (_name, trust, socket, xff, expected) => {
    expect(new ClientAddresses(trust).of(req(socket, xff))).toBe(expected);
  });
});

describe('the key a client is counted under', () => {
  test.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['2001:db8:1:2::a', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:1:2:3', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::b', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s → %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  test('two addresses of one /64 share a key; the next /64 does not', () => {
    expect(addressKey('2001:db8:1:2::a')).toBe(addressKey('2001:db8:1:2:9::b'));
    expect(addressKey('2001:db8:1:2::a')).not.toBe(addressKey('2001:db8:1:3::a'));
  });
});

describe('loopback and served host names', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['::2', false],
  ])('%s loopback: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  test.each<[string, string[], boolean]>([
    ['127.0.0.1', [], true],
    ['::1', [], true],
    ['192.0.2.10', [], true],
    ['localhost', [], true],
    ['app.localhost', [], true],
    ['evil.example', [], false],
    ['localhost.evil.example', [], false],
    ['bot.example.com', ['bot.example.com'], true],
    ['a.example.com', ['*.example.com'], true],
    ['example.com.evil.example', ['*.example.com'], false],
    ['notexample.com', ['*.example.com'], false],
  ])('host %s with ALLOWED_HOSTS %j: served %s', (host, allowed, served) => {
    expect(isServedHost(host, allowed)).toBe(served);
  });
});
