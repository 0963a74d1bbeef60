/**
 * What the exchanges service needs from the group-photo compositor (synthesis mode; built in
 * `./synthesis/`, docs/architecture.md "Exchanges"). Kept as a port so the service runs with any implementation.
 */
export interface ComposedPhoto {
  /** JPEG. */
  bytes: Buffer;
  /** px. */
  width: number;
  height: number;
  /** `diptych`: no person was found in the responder's image, so the two stand side by side. */
  mode: 'synthesis' | 'diptych';
  /** Why the result is not a full synthesis, for people (e.g. "no person found: side-by-side instead"). */
  note: string | null;
  timings: { segmentationMs: number; totalMs: number };
}

export interface ExchangeComposer {
  /** Requester's scene + responder's person → one group photo (JPEG). */
  compose(requester: Uint8Array, responder: Uint8Array): Promise<ComposedPhoto>;
}
