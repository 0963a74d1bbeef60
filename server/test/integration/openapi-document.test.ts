import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveOperationId, nameOperations } from '../../src/http/openapi-operations.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

interface Op {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: { type?: string; format?: string } }> }>;
}
type Doc = { paths: Record<string, Record<string, Op>>; servers?: { url: string }[] };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

// The OpenAPI document the server builds (the one `npm run openapi` commits and the SDK is generated from).
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.ready();
    doc = t.app.swagger() as unknown as Doc;
  });
  afterAll(async () => t?.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, op: item[method]! })),
    );

  it('names every operation with a unique camelCase operationId', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const bad = ops.filter(({ op }) => !/^[a-z][A-Za-z0-9]+$/.test(op.operationId ?? '')).map(({ key }) => key);
    expect(bad).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const byKey = Object.fromEntries(ops.map(({ key, op }) => [key, op.operationId]));
    expect(byKey).toMatchObject({
      'GET /api/contacts': 'listContacts',
      'GET /api/contacts/{id}/photo': 'getContactPhoto',
      'POST /api/region-shares': 'createRegionShare',
      'POST /api/exchanges/{id}/accept': 'acceptExchange',
    });
  });

  it('has a servers entry', () => {
    expect(doc.servers).toEqual([{ url: '/', description: 'this Kith instance' }]);
  });

  it('types the 2xx body of every file download as binary', () => {
    const downloads: [string, string][] = [
      ['/api/contacts/export', 'text/vcard'],
      ['/api/contacts/{id}/photo', 'image/*'],
      ['/api/me/reference-faces/{id}/image', 'image/*'],
      ['/api/assets/{id}/{kind}', 'image/*'],
      ['/api/faces/{id}/thumbnail', 'image/webp'],
      ['/api/routing/deliveries/{id}/evidence-image', 'image/*'],
      ['/api/exchanges/{id}/rounds/{n}/{which}', 'image/jpeg'],
      ['/api/guest/exchanges/{token}/rounds/{n}/{which}', 'image/jpeg'],
      ['/s/{id}/image.png', 'image/png'],
    ];
    for (const [path, type] of downloads)
      expect(doc.paths[path]?.get?.responses?.['200']?.content?.[type]?.schema, path).toEqual({ type: 'string', format: 'binary' });
  });

  it('derives a name for a route nobody named, and never reuses one', () => {
    expect(deriveOperationId('get', '/api/widgets')).toBe('listWidgets');
    expect(deriveOperationId('post', '/api/widgets')).toBe('createWidget');
    expect(deriveOperationId('get', '/api/widgets/{id}/parts')).toBe('listWidgetParts');
    expect(deriveOperationId('delete', '/api/me/widgets/{id}')).toBe('deleteWidget');
    const input: Doc = {
      paths: {
        '/api/contacts': { get: {} },
        '/api/contacts/{id}/photo': { get: { operationId: 'listContacts' } },
      },
    };
    const named = nameOperations(input);
    expect(named.paths['/api/contacts']?.get?.operationId).toBe('getApiContacts');
    expect(named.paths['/api/contacts/{id}/photo']?.get?.operationId).toBe('listContacts');
  });
});
