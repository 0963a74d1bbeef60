import { cropFace, PARTY_FACES } from '@kith/bench/fixtures';
import { ok, type DemoName, type DemoSession } from './demo-users.js';

/** One registered reference face: which party photo it was cut from and what Kith kept. */
export interface RegisteredReferenceFace {
  owner: DemoName;
  /** 0-based index of the party photo (sample{n+1}.jpg). */
  sample: number;
  referenceFaceId: string;
  width: number;
  height: number;
  /** How many reference faces the account holds now (re-runs give the existing one back, not a second). */
  total: number;
}

/**
 * Registers each demo user's reference face (`POST /api/me/reference-faces`, multipart):
 * their face cut at native resolution from the party photo in `PARTY_FACES` (a 256 px
 * thumbnail would put the eyes' outer corners under the 80 px the strict check asks for).
 * Done before the photos are uploaded, so the first analysis already links faces to accounts:
 * a user's reference face also names them in the libraries of everyone holding them as a contact.
 *
 * @throws with the server's `code` (422 `no_face`, `several_faces`, `face_too_small`, …).
 */
export async function registerReferenceFaces(baseUrl: string, sessions: Map<DemoName, DemoSession>): Promise<RegisteredReferenceFace[]> {
  const out: RegisteredReferenceFace[] = [];
  for (const s of sessions.values()) {
    const face = PARTY_FACES[s.person.username];
    const jpeg = await cropFace(face, face.size);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), `${s.person.username}-face.jpg`);
    const res = await fetch(`${baseUrl}/api/me/reference-faces`, { method: 'POST', headers: { cookie: s.cookie }, body: form });
    const body = (await res.json()) as { faces?: { id: string; width: number; height: number }[]; code?: string; message?: string };
    if (!res.ok || !body.faces?.[0])
      throw new Error(`reference face of ${s.person.username}: HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''}`);
    const { faces } = ok('GET /api/me/reference-faces', await s.kith.GET('/api/me/reference-faces'));
    const [f] = body.faces;
    out.push({
      owner: s.person.username,
      sample: face.photo,
      referenceFaceId: f.id,
      width: f.width,
      height: f.height,
      total: faces.length,
    });
  }
  return out;
}

export interface FaceProgress {
  owner: DemoName;
  enabled: boolean;
  done: number;
  total: number;
  failed: number;
  faces: number;
  people: number;
}

/**
 * Polls `GET /api/faces/status` of every user until each library is analysed (done == total).
 * Returns at once, with `enabled: false`, when the server runs with KITH_FACE_ANALYSIS=off.
 *
 * @param onProgress called after each round with the figures (for a one-line progress display).
 * @throws after `timeoutMs`, naming who is still pending and what to check.
 */
export async function waitForFaces(
  sessions: Map<DemoName, DemoSession>,
  timeoutMs = 600_000,
  onProgress?: (p: FaceProgress[]) => void,
): Promise<FaceProgress[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress: FaceProgress[] = [];
    for (const s of sessions.values())
      progress.push({ owner: s.person.username, ...ok('GET /api/faces/status', await s.kith.GET('/api/faces/status')) });
    onProgress?.(progress);
    if (progress.some((p) => !p.enabled) || progress.every((p) => p.done >= p.total)) return progress;
    if (Date.now() > deadline)
      throw new Error(
        `face analysis did not finish within ${timeoutMs / 1000} s (${progress.map((p) => `${p.owner} ${p.done}/${p.total}`).join(', ')}). ` +
          'The face engine runs in worker threads on this machine: check the server log for errors, or give it more time ' +
          '(KITH_DEMO_FACE_TIMEOUT seconds); KITH_FACE_ANALYSIS=off skips faces altogether.',
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** "done/total photos" of everyone, for the progress line. */
export const progressLine = (p: FaceProgress[]) => p.map((x) => `${x.owner} ${x.done}/${x.total}`).join(', ');

/** One of the People page's entries, reduced to what the demo prints. */
export interface PersonLine {
  name: string;
  /** `you`: linked to the caller's account; `contact`: to one of their contacts (or its account); null: nobody yet. */
  link: 'you' | 'contact' | null;
  faces: number;
  photos: number;
}

/** `GET /api/people` of one user, best known first (the server's order). */
export async function listPeople(s: DemoSession): Promise<PersonLine[]> {
  const { people } = ok('GET /api/people', await s.kith.GET('/api/people'));
  return people.map((p) => ({
    name: p.displayName ?? 'unnamed',
    link: p.isMe ? 'you' : p.contact || p.account ? 'contact' : null,
    faces: p.faceCount,
    photos: p.photoCount,
  }));
}

/** `Carol Lindqvist (contact, 1 photo)`, `unnamed (2 photos)`. */
export function describePerson(p: PersonLine): string {
  const photos = `${p.photos} photo${p.photos === 1 ? '' : 's'}`;
  return `${p.name} (${p.link ? `${p.link}, ` : ''}${photos})`;
}
