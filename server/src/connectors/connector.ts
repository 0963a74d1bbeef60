import type { FormData } from 'undici';
import type { GuardedResponse } from '../net/guarded-fetch.js';

/** Ids of the share targets the overlay can show (region-sharing claims 6, 13, 20: "third-party platform identifiers"). */
export const TARGET_IDS = ['kith', 'mastodon', 'webhook', 'pinterest'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

/** One entry of the overlay's platform icons. */
export interface TargetInfo {
  id: TargetId;
  label: string;
  /** `server`: Kith posts it (S260–S270); `intent`: the overlay opens the platform's own share page. */
  kind: 'server' | 'intent';
}

/** What a connector gets to post: the stored crop and where it came from. */
export interface Delivery {
  shareId: string;
  ownerId: string;
  /** Public share page `/s/{id}` and the crop image URL (absolute). */
  shareUrl: string;
  cropUrl: string;
  crop: { bytes: Buffer; mime: string; width: number; height: number };
  description: string;
  pageUrl: string;
  imageUrl: string;
  rect: { x: number; y: number; width: number; height: number };
  createdAt: number;
}

/** Outbound HTTP through the SSRF guard (connectors post to user-given URLs). */
export type HttpPort = (
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | Buffer | FormData },
) => Promise<GuardedResponse>;

/** A server-side target: posts a delivery somewhere. Must be safe to run again (jobs retry). */
export interface Connector {
  info: TargetInfo;
  /** Whether the owner has set this target up (e.g. linked a Mastodon account). */
  enabledFor(ownerId: string): Promise<boolean>;
  /** @returns the URL of what was posted, when the platform gives one. @throws on failure (the job retries). */
  deliver(d: Delivery): Promise<{ url?: string }>;
}

/** Pinterest's documented "Save" button create URL (developers.pinterest.com/docs/web-features/save/). */
export function pinterestIntentUrl(pageUrl: string, mediaUrl: string, description: string): string {
  const q = new URLSearchParams({ url: pageUrl, media: mediaUrl, description });
  return `https://www.pinterest.com/pin/create/button/?${q.toString()}`;
}

export const INTENT_TARGETS: TargetInfo[] = [{ id: 'pinterest', label: 'Pinterest', kind: 'intent' }];
