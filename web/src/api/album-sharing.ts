/** Album sharing: members (viewer / contributor), public links, and a public link's album as a visitor sees it. */
import { ApiError, kith, request, unwrap } from './client';
import type { paths, Schemas } from '@kith/sdk';

export type AlbumLink = Schemas['AlbumLink'];
export type AlbumMemberRole = 'viewer' | 'contributor';
export type PublicAlbum = Schemas['PublicAlbum'];
export type PublicAsset = PublicAlbum['assets'][number];
export interface NewLink {
  label?: string;
  password?: string;
  expiresAt?: string;
  allowDownload?: boolean;
  allowUpload?: boolean;
}
export type LinkPatch = paths['/api/album-links/{linkId}']['patch']['requestBody']['content']['application/json'];

const album = (id: string) => ({ params: { path: { id } } });
const link = (linkId: string) => ({ params: { path: { linkId } } });

export const albumSharingApi = {
  /** Invites an account (`username`) or a contact; 409 `confirmation_required` asks for `confirm: true`. */
  invite: async (albumId: string, who: { username: string } | { contactId: string }, role: AlbumMemberRole, confirm = false) =>
    (await unwrap(kith.POST('/api/albums/{id}/members', { ...album(albumId), body: { ...who, role, ...(confirm ? { confirm } : {}) } })))
      .member,
  setRole: async (albumId: string, accountId: string, role: AlbumMemberRole) =>
    (await unwrap(kith.PATCH('/api/albums/{id}/members/{accountId}', { params: { path: { id: albumId, accountId } }, body: { role } })))
      .member,
  removeMember: async (albumId: string, accountId: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/albums/{id}/members/{accountId}', { params: { path: { id: albumId, accountId } } }));
  },
  links: async (albumId: string): Promise<AlbumLink[]> => (await unwrap(kith.GET('/api/albums/{id}/links', album(albumId)))).links,
  allLinks: async (): Promise<AlbumLink[]> => (await unwrap(kith.GET('/api/album-links'))).links,
  createLink: async (albumId: string, body: NewLink): Promise<AlbumLink> =>
    (await unwrap(kith.POST('/api/albums/{id}/links', { ...album(albumId), body }))).link,
  updateLink: async (linkId: string, body: LinkPatch): Promise<AlbumLink> =>
    (await unwrap(kith.PATCH('/api/album-links/{linkId}', { ...link(linkId), body }))).link,
  revokeLink: async (linkId: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/album-links/{linkId}', link(linkId)));
  },
};

/** The visitor's side (no log-in): the unlock cookie is scoped to `/api/l/{key}`, so every call below carries it. */
export const publicAlbumApi = {
  get: (key: string) => request<PublicAlbum>('GET', `/api/l/${encodeURIComponent(key)}`),
  unlock: (key: string, password: string) => request<{ token: string }>('POST', `/api/l/${encodeURIComponent(key)}/unlock`, { password }),
  /** Uploads files credited to `name`; resolves to how many were new to the album. */
  upload: async (key: string, name: string, files: File[]): Promise<{ added: number; failed: string[] }> => {
    const form = new FormData();
    form.append('name', name);
    for (const f of files) form.append('file', f, f.name);
    const res = await request<{ added: number; results: Array<{ filename: string; status: string; error?: { message: string } }> }>(
      'POST',
      `/api/l/${encodeURIComponent(key)}/assets`,
      form,
    );
    return {
      added: res.added,
      failed: res.results.filter((r) => r.status === 'failed').map((r) => `${r.filename}: ${r.error?.message ?? ''}`),
    };
  },
};

export const isCode = (err: unknown, ...codes: string[]) => err instanceof ApiError && codes.includes(err.code);
