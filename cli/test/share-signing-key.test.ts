import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { createVerifier, httpbis } from 'http-message-signatures';
import { afterAll, describe, expect, it } from 'vitest';
import { registerShare } from '../src/commands/share.command.js';
import { readSigningKey, signedXmlHeaders } from '../src/share/signing-key.js';

/**
 * `kith share --signing-key FILE`: the key file is what `POST /api/me/signing-keys` answers. Its
 * signature verifies (RFC 9421, the http-message-signatures library on the receiving side too) over
 * the components Kith servers require; the server side is tested end to end in
 * server/test/integration/inbox-signatures.test.ts.
 */
describe('kith share signing keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-cli-key-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const owner = 'alice@kith-a.example';
  const issued = {
    key: { id: 'k1', keyid: `${owner}#k1`, alg: 'ed25519', kind: 'cli' },
    owner,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('reads the issued key and signs a packet that verifies over method, authority, path, type and digest', async () => {
    const key = await readSigningKey(write('ok.json', JSON.stringify(issued)));
    expect(key).toMatchObject({ keyid: `${owner}#k1`, owner });
    const body = '<packet><username>bob</username></packet>';
    const url = 'https://kith-b.example/inbox/bob';
    const headers = await signedXmlHeaders(key, url, body);
    expect(headers['content-digest']).toBe(`sha-256=:${crypto.createHash('sha256').update(body).digest('base64')}:`);
    expect(headers['signature-input']).toMatch(
      /^kith=\("@method" "@authority" "@path" "content-type" "content-digest"\);created=\d+;expires=\d+;keyid="alice@kith-a.example#k1";alg="ed25519"$/,
    );
    const verified = await httpbis.verifyMessage(
      { keyLookup: async () => ({ id: 'k1', algs: ['ed25519'], verify: createVerifier(publicKey, 'ed25519') }) },
      { method: 'POST', url, headers },
    );
    expect(verified).toBe(true);
    // Another inbox (path) or server (authority): the same headers no longer verify.
    const elsewhere = await httpbis.verifyMessage(
      { keyLookup: async () => ({ id: 'k1', algs: ['ed25519'], verify: createVerifier(publicKey, 'ed25519') }) },
      { method: 'POST', url: 'https://kith-b.example/inbox/carol', headers },
    );
    expect(elsewhere).toBe(false);
  });

  it('refuses files that are not a Kith-issued Ed25519 key, naming the problem', async () => {
    await expect(readSigningKey(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot read the signing key/);
    await expect(readSigningKey(write('text.json', 'not json'))).rejects.toThrow(/cannot read the signing key/);
    await expect(readSigningKey(write('shape.json', JSON.stringify({ privateKeyPem: issued.privateKeyPem })))).rejects.toThrow(
      /not a signing key issued by Kith/,
    );
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(readSigningKey(write('rsa.json', JSON.stringify({ ...issued, privateKeyPem: rsa })))).rejects.toThrow(/not Ed25519/);
  });

  it('kith share refuses a --sender-address other than the key owner', async () => {
    const program = new Command('kith').exitOverride();
    registerShare(program, { out: () => {}, err: () => {} });
    const file = write('k.json', JSON.stringify(issued));
    await expect(
      program.parseAsync([
        'node',
        'kith',
        'share',
        'x.jpg',
        '--contacts',
        'book.vcf',
        '--signing-key',
        file,
        '--sender-address',
        'mallory@x.example',
      ]),
    ).rejects.toThrow(/not the owner of the signing key \(alice@kith-a\.example\)/);
  });
});
