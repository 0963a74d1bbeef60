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
  it('hides credential parameters of the query string (password, token, api_sig, sk, s, a, authToken), keeps the others', () => {
    expect(redactUrl('/2.0/?method=auth.getMobileSession&username=al&password=hunter2&api_key=k&api_sig=abc')).toBe(
      '/2.0/?method=auth.getMobileSession&username=al&password=[redacted]&api_key=k&api_sig=[redacted]',
    );
    expect(redactUrl('/1/validate-token?token=kith_abc')).toBe('/1/validate-token?token=[redacted]');
    expect(redactUrl('/audioscrobbler/?hs=true&u=al&t=1&a=d1g&sk=kith_x&s=sess')).toBe(
      '/audioscrobbler/?hs=true&u=al&t=1&a=[redacted]&sk=[redacted]&s=[redacted]',
    );
    expect(redactUrl('/2.0/?authToken=x&password=1&password=2')).toBe('/2.0/?authToken=[redacted]&password=[redacted]');
    expect(redactUrl('/api/guest/exchanges/AbC?token=t')).toBe('/api/guest/exchanges/[token]?token=[redacted]');
    expect(redactUrl('/api/assets?limit=5&sort=new')).toBe('/api/assets?limit=5&sort=new');
  });
});
