import dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressPolicy, parseCidrList } from '../../src/net/address-policy.js';
import type { Resolver } from '../../src/net/guarded-fetch.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { loopServer, patternPng, type LoopServer } from '../helpers/region-fixtures.js';

/**
 * The SSRF guard, through the real endpoint with the allow-list OFF (the default).
 *
 * The redirect case needs a "public" first hop that is really on this machine. The test
 * resolver maps `public.example` to 127.0.0.2, where a redirector listens, and only for
 * that test the allow-list holds exactly 127.0.0.2/32 — standing in for the public
 * internet. The redirect to 127.0.0.1 must still be refused: the guard re-checks every hop.
 */
const testResolve: Resolver = async (host) => {
  if (host === 'public.example') return [{ address: '127.0.0.2', family: 4 }];
  if (host === 'rebind.example')
    return [
      { address: '8.8.8.8', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
  return dns.promises.lookup(host, { all: true }); // the system resolver for everything else (localhost)
};

describe('address policy', () => {
  const policy = createAddressPolicy();
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    // IPv6 forms that embed an IPv4 address: IPv4-compatible (::/96), NAT64 (RFC 6052, RFC 8215), 6to4, Teredo, IPv4-translated.
    ['::7f00:1', 'ipv4Compatible'],
    ['::127.0.0.1', 'loopback'], // ipaddr.js reads the dotted form as IPv4-mapped; URLs serialise it as ::7f00:1 anyway
    ['::a00:1', 'ipv4Compatible'],
    ['::808:808', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['64:ff9b:1::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2002:c0a8:101::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['::ffff:0:7f00:1', 'rfc6145'],
    ['::ffff:169.254.169.254', 'linkLocal'],
  ])('refuses %s (%s)', (ip, range) => expect(policy.refusal(ip)).toBe(range));
  it('allows public unicast, and allow-listed ranges', () => {
    expect(policy.refusal('93.184.216.34')).toBeUndefined();
    expect(policy.refusal('2606:4700::1111')).toBeUndefined();
    const allow = createAddressPolicy(parseCidrList(['127.0.0.1/32', '::1']));
    expect(allow.refusal('127.0.0.1')).toBeUndefined();
    expect(allow.refusal('::ffff:127.0.0.1')).toBeUndefined();
    expect(allow.refusal('127.0.0.2')).toBe('loopback');
    expect(() => parseCidrList(['nonsense'])).toThrow(/not an IP address or CIDR/);
  });
});

describe.each(engines)('SSRF guard on POST /api/region-shares (%s)', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let target: LoopServer;
  let redirector: LoopServer;
  let v6: LoopServer;
  const share = (app: TestApp, imageUrl: string) =>
    as(app.app, alice).post('/api/region-shares', {
      pageUrl: 'https://news.example/a',
      imageUrl,
      imageIndex: 0,
      rect: { x: 0, y: 0, width: 10, height: 10 },
      fraction: { x: 0, y: 0, width: 0.1, height: 0.1 },
      naturalWidth: 100,
      naturalHeight: 100,
      target: 'kith',
    });

  beforeAll(async () => {
    const png = await patternPng(100, 100);
    target = await loopServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    v6 = await loopServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png), '::1');
    redirector = await loopServer((req, res) => {
      const n = Number(new URL(req.url!, 'http://x').searchParams.get('n') ?? 0);
      if (n > 0) res.writeHead(302, { location: `http://public.example:${redirector.port}/hop?n=${n - 1}` }).end();
      else res.writeHead(302, { location: `${target.url}/secret.png` }).end();
    }, '127.0.0.2');
    t = await createTestApp(engine, {}, { resolve: testResolve });
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([target, redirector, v6].map((s) => s?.close()));
  });

  it.each([
    ['loopback IPv4', () => `${target.url}/x.png`, '127.0.0.1'],
    ['private', () => 'http://10.0.0.1/x.png', '10.0.0.1'],
    ['link-local metadata', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['loopback IPv6', () => `http://[::1]:${v6.port}/x.png`, '::1'],
    ['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${target.port}/x.png`, '::ffff:7f00:1'],
    ['IPv4-compatible IPv6', () => `http://[::7f00:1]:${target.port}/x.png`, '::7f00:1'],
    ['NAT64 IPv6', () => `http://[64:ff9b::7f00:1]:${target.port}/x.png`, '64:ff9b::7f00:1'],
    ['a name that resolves to loopback', () => `http://localhost:${target.port}/x.png`, undefined],
    ['a name with one public and one private address', () => 'http://rebind.example/x.png', '10.1.2.3'],
  ])('refuses %s with 422 blocked_address', async (_name, url, address) => {
    const res = await share(t, url());
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('blocked_address');
    if (address) expect(res.json().details.address).toBe(address);
  });

  it('never connected to the loopback servers', () => {
    expect(target.hits).toEqual([]);
    expect(v6.hits).toEqual([]);
  });

  it('refuses a public-looking URL that redirects to loopback (every hop is re-checked)', async () => {
    const t2 = await createTestApp(engine, { fetchAllow: ['127.0.0.2/32'] }, { resolve: testResolve });
    try {
      alice = await signup(t2.app, 'alice');
      const res = await share(t2, `http://public.example:${redirector.port}/hop?n=0`);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ code: 'blocked_address', details: { address: '127.0.0.1', range: 'loopback' } });
      expect(redirector.hits).toEqual(['/hop?n=0']);
      expect(target.hits).toEqual([]);

      const many = await share(t2, `http://public.example:${redirector.port}/hop?n=4`);
      expect(many.json().code).toBe('too_many_redirects');
      // An ftp: imageUrl never reaches the fetch: the request schema takes http(s) only (share page rule).
      const ftp = await share(t2, 'ftp://public.example/x.png');
      expect(ftp.statusCode).toBe(400);
      expect(ftp.json().code).toBe('invalid_request');
    } finally {
      await t2.close();
    }
  });
});
