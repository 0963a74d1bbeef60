/**
 * Types for the npm `listenbrainz` client (1.0.x), which ships JavaScript only; transcribed from its `src/index.ts`
 * and `src/types.ts`. Only what the tests call.
 */
declare module 'listenbrainz' {
  export interface SubmitListenPayload {
    listen_type: 'single' | 'playing_now' | 'import';
    payload: Array<{ listened_at?: number; track_metadata: { artist_name: string; track_name: string; release_name?: string } }>;
  }
  export interface Response {
    rate_limit: { limit: number; remaining: number; reset: number; reset_in: number };
    data?: unknown;
  }
  export class Client {
    /** `BaseURL` defaults to https://api.listenbrainz.org/ and is concatenated with `1/...`, so it must end in `/`. */
    constructor(authorization?: string, baseURL?: string);
    BaseURL: string;
    /** Resolves `undefined` for any status other than 200 and 429 (the body is not read). Sends no Authorization. */
    getUserListens(user: string, options?: object): Promise<Response | undefined>;
    /** Resolves `undefined` for any status other than 200. */
    getLatestImport(user: string, options?: object): Promise<Response | undefined>;
    /** Resolves `{ status: 200 }`; rejects with the JSON error body as a string for any other status. */
    submitListen(data: SubmitListenPayload): Promise<{ status: 200 } | undefined>;
  }
}
