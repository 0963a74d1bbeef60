/** The client router's path → screen table (web/src/lib/router.tsx): every deep link the server answers with index.html. */
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../src/lib/router';

describe('parseRoute', () => {
  it.each([
    ['/', { name: 'library' }],
    ['/library', { name: 'library' }],
    ['/albums', { name: 'albums' }],
    ['/albums/abc-123', { name: 'album', id: 'abc-123' }],
    ['/events/2026-06-01%20party', { name: 'event', marker: '2026-06-01 party' }],
    ['/people/p1', { name: 'person', id: 'p1' }],
    ['/exchanges', { name: 'exchanges' }],
    ['/exchanges/x1', { name: 'exchange', id: 'x1' }],
    ['/x/tok', { name: 'guest-exchange', token: 'tok' }],
    ['/contacts', { name: 'contacts' }],
    ['/share', { name: 'share' }],
    ['/search', { name: 'search' }],
    ['/settings/', { name: 'settings' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it.each(['/library/extra', '/x', '/x/tok/more', '/exchanges/a/b', '/contacts/1', '/search/carol', '/nowhere'])(
    '%s is not found',
    (path) => {
      expect(parseRoute(path)).toEqual({ name: 'not-found' });
    },
  );
});
