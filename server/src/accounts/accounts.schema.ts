import { z } from 'zod';
import { SCOPE_DESCRIPTIONS, TOKEN_SCOPES } from '../common/token-scopes.js';

export const usernameSchema = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'use letters, digits, dot, dash or underscore');

export const signupBody = z.object({
  username: usernameSchema,
  password: z.string().min(8, 'use at least 8 characters').max(256),
  displayName: z.string().max(100).optional(),
  email: z.email().optional(),
  phone: z.string().max(40).optional(),
  inviteCode: z.string().max(100).optional(),
});

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

export const accountSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe('E.164'),
    emailVerified: z
      .boolean()
      .describe('The e-mail was proven (a link sent to it was followed, or an admin vouched); only a verified e-mail links contacts'),
    phoneVerified: z.boolean().describe('The phone number was proven; only a verified phone links contacts'),
    kithAddress: z.string().describe('user@host[:port], how other servers and contacts address this account'),
    isAdmin: z.boolean(),
    settings: z.object({
      allowEventGathering: z.boolean().describe('Let my contacts gather my event photos (on by default)'),
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'Account' });

export const updateMeBody = z.object({
  displayName: z.string().min(1).max(100).optional(),
  email: z.email().nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  allowEventGathering: z.boolean().optional(),
});

export const tokenScopeSchema = z
  .enum(TOKEN_SCOPES)
  .describe(
    Object.entries(SCOPE_DESCRIPTIONS)
      .map(([k, v]) => `\`${k}\`: ${v}`)
      .join('; '),
  )
  .meta({ id: 'ApiTokenScope' });

export const tokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scope: tokenScopeSchema,
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const createTokenBody = z.object({
  name: z.string().min(1).max(100),
  scope: tokenScopeSchema
    .default('full')
    .describe('What the token may do; `full` when left out (what every token could do before scopes).'),
});

export const referenceFaceSchema = z
  .object({ id: z.uuid(), width: z.number().int(), height: z.number().int(), mime: z.string(), createdAt: z.string() })
  .meta({ id: 'ReferenceFace' });
