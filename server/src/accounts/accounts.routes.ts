import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { requirePrincipal } from '../http/auth.js';
import { SESSION_COOKIE } from '../common/credentials.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { toAccountDto, toTokenDto } from './accounts.mapper.js';
import { accountSchema, createTokenBody, loginBody, signupBody, tokenSchema, updateMeBody } from './accounts.schema.js';
import type { AccountsService } from './accounts.service.js';

/**
 * Sign-up, log-in/out, the caller's profile and settings, API tokens and invites.
 * Sign-up and log-in are public, so they are rate-limited per IP.
 */
export function accountsRoutes(accounts: AccountsService, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const setSession = (reply: { setCookie: Function }, sessionId: string, expiresAt: number) =>
      reply.setCookie(SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.publicUrl.startsWith('https:'),
        path: '/',
        expires: new Date(expiresAt),
      });
    const publicLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

    app.post(
      '/api/auth/signup',
      {
        config: publicLimit,
        schema: {
          tags: ['accounts'],
          summary: 'Create an account and log in',
          description:
            'Creates an account (the first one becomes admin) and sets the `kith_session` cookie (httpOnly, SameSite=Lax). ' +
            'After the first account an invite code is needed unless KITH_SIGNUP=open (default `invite`, docs/security.md "Sign-up"). ' +
            'The e-mail and phone start unverified. ' +
            'Errors: 409 `username_taken`, 403 `signup_closed` / `invite_required` / `invalid_invite`, 400 `invalid_phone`.',
          body: signupBody,
          response: { 201: z.object({ account: accountSchema }), 403: errorSchema, 409: errorSchema, 429: errorSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { account, sessionId, expiresAt } = await accounts.signup(request.body);
        setSession(reply, sessionId, expiresAt);
        return reply.status(201).send({ account: toAccountDto(account, config.publicUrl) });
      },
    );

    app.post(
      '/api/auth/login',
      {
        config: publicLimit,
        schema: {
          tags: ['accounts'],
          summary: 'Log in with username and password',
          description:
            'Sets the `kith_session` cookie. Errors: 401 `invalid_credentials` (unknown user or wrong password: same answer, same time); ' +
            '429 `too_many_login_attempts` with Retry-After once the account (KITH_LOGIN_FAILURES_PER_ACCOUNT, 10) or the client address ' +
            '(KITH_LOGIN_FAILURES_PER_ADDRESS, 30) had that many wrong passwords within KITH_LOGIN_WINDOW_MINUTES (15), counted over ' +
            'every method that takes a password (this one, Last.fm auth.getMobileSession, the Audioscrobbler handshake, password change).',
          body: loginBody,
          response: { 200: z.object({ account: accountSchema }), 429: errorSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { account, sessionId, expiresAt } = await accounts.login(request.body.username, request.body.password, request.ip);
        setSession(reply, sessionId, expiresAt);
        return { account: toAccountDto(account, config.publicUrl) };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['accounts'], summary: 'End the current session', response: { 204: z.null() } } },
      async (request, reply) => {
        const sid = request.cookies[SESSION_COOKIE];
        if (sid) await accounts.logout(sid);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/me',
      {
        schema: {
          tags: ['accounts'],
          summary: 'The logged-in account',
          description: 'Errors: 401 when the session is missing or expired.',
          response: { 200: z.object({ account: accountSchema }), ...errorResponses },
        },
      },
      async (request) => ({ account: toAccountDto(await accounts.me(requirePrincipal(request)), config.publicUrl) }),
    );

    app.patch(
      '/api/me',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Update profile and settings',
          description:
            'Phone numbers are normalised to E.164. A different e-mail or phone than the current one is a new claim: it is ' +
            'unverified again (`emailVerified`/`phoneVerified` false) and links no contact until proven; the same one keeps ' +
            'its proof. Errors: 400 `invalid_phone`.',
          body: updateMeBody,
          response: { 200: z.object({ account: accountSchema }), ...errorResponses },
        },
      },
      async (request) => ({ account: toAccountDto(await accounts.updateMe(requirePrincipal(request), request.body), config.publicUrl) }),
    );

    app.get(
      '/api/me/tokens',
      {
        schema: {
          tags: ['accounts'],
          summary: 'List personal API tokens',
          response: { 200: z.object({ tokens: z.array(tokenSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ tokens: (await accounts.listTokens(requirePrincipal(request))).map(toTokenDto) }),
    );

    app.post(
      '/api/me/tokens',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Create a personal API token',
          description:
            'The secret `token` is in this answer only; use it as `Authorization: Bearer <token>`. `scope` limits what it can do ' +
            '(scrobble, read, upload, full; docs/security.md). Only a session or a `full` token can make tokens (403 `insufficient_scope`).',
          body: createTokenBody,
          response: { 201: z.object({ token: z.string(), info: tokenSchema }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { row, token } = await accounts.createToken(requirePrincipal(request), request.body.name, request.body.scope);
        return reply.status(201).send({ token, info: toTokenDto(row) });
      },
    );

    app.delete(
      '/api/me/tokens/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Revoke a personal API token',
          description:
            'The token stops working at once on the instance that answers; servers running several instances may still ' +
            'accept it on the others for up to KITH_TOKEN_CACHE_SECONDS (10 s), the time they remember a verified token.',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await accounts.revokeToken(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/invites',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Create a one-time invite code (admin)',
          description: 'Needed to sign up when KITH_SIGNUP=invite. Errors: 403 `admin_only`.',
          response: { 201: z.object({ code: z.string() }), 403: errorSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send({ code: await accounts.createInvite(requirePrincipal(request)) }),
    );
  };
}
