import { describe, expect, it } from 'vitest';
import { createOriginPolicy, isUnsafeMethod } from '../../src/common/origin-policy.js';

// The decision table of docs/security.md "Cross-site requests" (OWASP CSRF cheat sheet: Origin, then Fetch Metadata).
describe('origin policy', () => {
  const policy = createOriginPolicy('https://kith.example/', ['http://localhost:5173']);
  const refused = (headers: Record<string, string>, scheme = 'https') =>
    policy.refusal({ host: 'kith.example', ...headers }, scheme) !== undefined;

  it('accepts the public origin, the configured ones and the origin the browser addressed', () => {
    expect(refused({ origin: 'https://kith.example' })).toBe(false);
    expect(refused({ origin: 'http://localhost:5173', 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(refused({ origin: 'http://192.168.1.5:2342', host: '192.168.1.5:2342' }, 'http')).toBe(false);
    expect(refused({ origin: 'https://kith.local', host: 'kith.local:443' })).toBe(false); // default port written out
    expect(refused({ origin: 'http://kith.local:2342', host: 'KITH.local:2342' }, 'http')).toBe(false); // hosts are case-insensitive
  });

  it('refuses other origins, other ports and schemes, sibling subdomains and null', () => {
    for (const origin of [
      'https://evil.example',
      'https://kith.example:8443',
      'http://kith.example',
      'https://photos.kith.example',
      'null',
      'not a url',
      'https://kith.example/path', // not an origin serialisation
    ])
      expect([origin, refused({ origin })]).toEqual([origin, true]);
    // The addressed origin needs the request's own scheme: an http page on Kith's https host is another origin.
    expect(refused({ origin: 'http://other.local', host: 'other.local' }, 'https')).toBe(true);
    expect(refused({ origin: 'http://other.local', host: 'other.local' })).toBe(true);
    expect(policy.refusal({ origin: 'http://other.local', host: 'other.local' })).toBeDefined(); // no scheme: no addressed origin
  });

  it('without Origin, follows Sec-Fetch-Site; with neither header, the request is not from a page', () => {
    expect(refused({ 'sec-fetch-site': 'same-origin' })).toBe(false);
    expect(refused({ 'sec-fetch-site': 'none' })).toBe(false);
    expect(refused({ 'sec-fetch-site': 'same-site' })).toBe(true);
    expect(refused({ 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(refused({})).toBe(false);
  });

  it('lists its origins and checks only unsafe methods (RFC 9110 §9.2.1)', () => {
    expect([...policy.origins]).toEqual(['https://kith.example', 'http://localhost:5173']);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].map(isUnsafeMethod)).toEqual([true, true, true, true, true]);
    expect(['GET', 'HEAD', 'OPTIONS', 'TRACE'].map(isUnsafeMethod)).toEqual([false, false, false, false]);
  });
});
