import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/http/log-redact.js';

// Exchange links are capabilities: the access log must not hand them to whoever reads it.
describe('redactUrl', () => {
  it('hides invite and guest tokens, keeps the rest of the path', () => {
    expect(redactUrl('/api/guest/exchanges/AbC_-123/rounds/2/result')).toBe('/api/guest/exchanges/[token]/rounds/2/result');
    expect(redactUrl('/api/guest/exchanges/AbC_-123?x=1')).toBe('/api/guest/exchanges/[token]?x=1');
    expect(redactUrl('/x/AbC_-123')).toBe('/x/[token]');
  });
  it('leaves other URLs alone', () => {
    for (const url of ['/api/exchanges/6d1f/rounds/1/requester', '/api/assets', '/xylophone/1']) expect(redactUrl(url)).toBe(url);
  });
});
