import { describe, expect, it } from 'vitest';
import { inboxUrlOf as cliInboxUrlOf } from '@kith/cli/inbox-client';
import { inboxUrlOf } from '../../src/routing/inbox-client.js';

// A discovery template is the remote server's text: it may choose the path, never the host.
describe.each([
  ['server', inboxUrlOf],
  ['cli', cliInboxUrlOf],
])('inbox URL from a discovery template (%s)', (_side, urlOf) => {
  const origin = 'https://kith-b.example:8443';
  it('keeps the recipient host and encodes the account', () => {
    expect(urlOf(origin, '/inbox/{account}', 'bob')).toBe('https://kith-b.example:8443/inbox/bob');
    expect(urlOf(origin, '/kith/inbox/{account}', 'b ob')).toBe('https://kith-b.example:8443/kith/inbox/b%20ob');
    expect(urlOf('http://127.0.0.1:4000/prefix', '/inbox/{account}', 'bob')).toBe('http://127.0.0.1:4000/prefix/inbox/bob');
  });
  it.each([
    '@evil.example/inbox/{account}',
    '.evil.example/inbox/{account}',
    ':1@evil.example/inbox/{account}',
    '//evil.example/inbox/{account}',
    'inbox/{account}',
    'https://evil.example/inbox/{account}',
  ])('refuses %s', (template) => {
    expect(urlOf(origin, template, 'bob')).toBeNull();
  });
});
