/**
 * A track length sent by a scrobbling client as whole seconds in a form field (Audioscrobbler 1.2
 * `l`, Last.fm `duration`), in ms; null when absent, not a whole number, or outside 1 s – 24 h.
 */
export const trackLengthMs = (seconds: string | undefined): number | null =>
  seconds && /^\d+$/.test(seconds) && Number(seconds) >= 1 && Number(seconds) <= 86400 ? Number(seconds) * 1000 : null;
