import type { AssetRow } from '../assets/assets.repository.js';
import type { Config } from '../config/config.js';
import { nearEnough, type EventWindow } from './event-detection.js';
import type { Candidate, EventsRepository } from './events.repository.js';

/**
 * Whether a photo has a real capture time. `captured_at` falls back to the upload time when the
 * file carries none (`captured_at_source = 'upload'`); for events that fallback means "unknown":
 * an upload time says when the file reached Kith, not when the party was.
 */
export const isDated = (a: Pick<AssetRow, 'captured_at_source'>): boolean => a.captured_at_source !== 'upload';

/**
 * The one rule that says whether a candidate photo belongs to an event, for the sharer's own
 * photos and for each contact's alike (US2017032188A1 claim 1: "photos of the same event"):
 * - it carries the event's marker code (with or without a capture time); or
 * - it has a capture time inside the event window ± `marginMs` (directly, or through its owner's
 *   automatic event of the same time) and, when both positions are known, lies within `radiusM`
 *   of the event's centre.
 * A photo without a capture time never falls into a window, and an event whose photos have no
 * capture time (`window` null) gathers by marker only.
 */
export function belongsToEvent(c: Candidate, window: EventWindow | null, marginMs: number, radiusM: number): boolean {
  if (c.how === 'marker') return true;
  if (!window || !isDated(c)) return false;
  if (c.how === 'time' && (c.captured_at < window.startAt - marginMs || c.captured_at > window.endAt + marginMs)) return false;
  return nearEnough({ latitude: c.match_latitude, longitude: c.match_longitude }, window, radiusM);
}

/**
 * Gathers the photos of `ownerIds` (the sharer and the contacts who allow it) that belong to an
 * event, by {@link belongsToEvent}. `window` is the event's span from its dated photos only, so a
 * photo without a capture time never widens it (null: none of its photos has one).
 * @returns asset rows in capture order, each photo once.
 */
export function createEventGathering(deps: { repo: EventsRepository; config: Pick<Config, 'eventMarginMs' | 'eventRadiusM'> }) {
  const { repo, config } = deps;
  return async function photosOfEvent(ownerIds: string[], marker: string, window: EventWindow | null): Promise<AssetRow[]> {
    const from = window ? window.startAt - config.eventMarginMs : null;
    const to = window ? window.endAt + config.eventMarginMs : null;
    const candidates = await repo.candidatesFor(ownerIds, marker, from, to);
    return candidates
      .filter((c) => belongsToEvent(c, window, config.eventMarginMs, config.eventRadiusM))
      .map(({ how: _how, match_latitude: _lat, match_longitude: _lon, ...asset }) => asset)
      .sort((a, b) => a.captured_at - b.captured_at || a.id.localeCompare(b.id));
  };
}

export type PhotosOfEvent = ReturnType<typeof createEventGathering>;
