import { z } from 'zod';

export const usernameParams = z.object({ username: z.string().min(1).max(100) });

export const createSigningKeyBody = z.object({
  name: z.string().trim().min(1).max(100).describe('What the key is for, e.g. "laptop kith share"'),
});

const jwkSchema = z
  .object({ kty: z.string(), crv: z.string().optional(), x: z.string().optional() })
  .loose()
  .describe('The public key as a JWK (RFC 8037 `OKP` / `Ed25519`)');

export const publishedKeySchema = z
  .object({
    id: z.uuid(),
    keyid: z.string().describe('RFC 9421 `keyid`: `user@host[:port]#<id>`, naming the owner’s Kith address'),
    alg: z.string().describe('RFC 9421 algorithm, `ed25519`'),
    kind: z.enum(['server', 'cli']).describe('`server`: this server signs the account’s deliveries; `cli`: issued to a terminal'),
    name: z.string(),
    publicKeyPem: z.string().describe('SubjectPublicKeyInfo, PEM'),
    publicKeyJwk: jwkSchema,
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'SigningKey' });

export const publishedKeysSchema = z
  .object({
    owner: z.string().describe('The Kith address (`user@host[:port]`) the keys speak for'),
    keys: z.array(publishedKeySchema),
  })
  .meta({ id: 'PublishedSigningKeys' });

export const issuedKeySchema = z
  .object({
    key: publishedKeySchema,
    owner: z.string().describe('The Kith address to send as (`sender_address` must equal it)'),
    privateKeyPem: z.string().describe('PKCS#8 PEM private key: shown this once, never stored by the server'),
  })
  .meta({ id: 'IssuedSigningKey' });
