/**
 * The signed-in account: session, profile and settings, API tokens and reference
 * faces. Uses the typed SDK where the OpenAPI document has the path.
 */
import { kith, request, unwrap } from './client';
import type { Account, ApiToken, ApiTokenScope, ReferenceFace } from './types';

export interface SignupInput {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
  phone?: string;
  inviteCode?: string;
}

export const meApi = {
  /** The current account, or throws 401 `unauthorized` when logged out. */
  get: async (): Promise<Account> => (await unwrap(kith.GET('/api/me'))).account,
  login: async (username: string, password: string): Promise<Account> =>
    (await unwrap(kith.POST('/api/auth/login', { body: { username, password } }))).account,
  signup: async (input: SignupInput): Promise<Account> => (await unwrap(kith.POST('/api/auth/signup', { body: input }))).account,
  logout: async (): Promise<void> => {
    await kith.POST('/api/auth/logout');
  },
  update: async (patch: { displayName?: string; email?: string | null; phone?: string | null; allowEventGathering?: boolean }) =>
    (await unwrap(kith.PATCH('/api/me', { body: patch }))).account,

  listTokens: async (): Promise<ApiToken[]> => (await unwrap(kith.GET('/api/me/tokens'))).tokens,
  /** The secret `token` is only in this answer. */
  createToken: async (name: string, scope: ApiTokenScope): Promise<{ token: string; info: ApiToken }> =>
    unwrap(kith.POST('/api/me/tokens', { body: { name, scope } })),
  revokeToken: async (id: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/me/tokens/{id}', { params: { path: { id } } }));
  },

  /** Needs the current password; ends every other session. @returns how many sessions ended. */
  changePassword: async (currentPassword: string, newPassword: string): Promise<number> =>
    (await unwrap(kith.POST('/api/me/password', { body: { currentPassword, newPassword } }))).ended,
  /** How many browsers are logged in, this one included. */
  sessionCount: async (): Promise<number> => (await unwrap(kith.GET('/api/me/sessions'))).sessions,
  /** "Log out everywhere else". @returns how many sessions ended. */
  endOtherSessions: async (): Promise<number> => (await unwrap(kith.POST('/api/me/sessions/end-others'))).ended,

  listFaces: async (): Promise<ReferenceFace[]> => (await unwrap(kith.GET('/api/me/reference-faces'))).faces,
  /** Multipart upload of one or more face photos (plain fetch: the document has no body schema for multipart). */
  addFaces: async (files: File[]): Promise<ReferenceFace[]> => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return (await request<{ faces: ReferenceFace[] }>('POST', '/api/me/reference-faces', form)).faces;
  },
  deleteFace: async (id: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/me/reference-faces/{id}', { params: { path: { id } } }));
  },
  faceImageUrl: (id: string) => `/api/me/reference-faces/${encodeURIComponent(id)}/image`,
};
