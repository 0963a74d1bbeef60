import { z } from 'zod';
import { errors } from '../common/errors.js';

/** Capture times Kith takes from a client: 1900-01-01 … 2200-01-01 (anything else is a placeholder). */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/**
 * The `sidecar` multipart field of `POST /api/assets`: what a client knows about the next file from
 * elsewhere (a Google Takeout JSON sidecar, read by the sdk's takeout-sidecar.ts). The server uses each
 * field only where the file's own metadata (EXIF/XMP) lacks it:
 * - `capturedAt`: ISO 8601 with offset or `Z`; the asset's `capturedAtSource` becomes `client`;
 * - `latitude`/`longitude`: WGS 84 degrees, both or neither;
 * - `description`: the caption, 1–2000 characters;
 * - `people`: up to 50 names (1–120 characters) kept as name suggestions for People, never as facts.
 */
export const uploadSidecarSchema = z
  .strictObject({
    capturedAt: z.iso
      .datetime({ offset: true })
      .refine((s) => Date.parse(s) >= EARLIEST && Date.parse(s) < LATEST, 'between 1900 and 2200')
      .optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    description: z.string().trim().min(1).max(2000).optional(),
    people: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
  })
  .refine((s) => (s.latitude === undefined) === (s.longitude === undefined), 'latitude and longitude go together')
  .meta({ id: 'UploadSidecar' });

/** A validated sidecar, with the capture time in ms since the epoch. */
export interface UploadSidecar {
  capturedAt?: number;
  latitude?: number;
  longitude?: number;
  description?: string;
  people: string[];
}

/**
 * Parses the `sidecar` field's text (JSON of {@link uploadSidecarSchema}).
 * @throws 400 `invalid_sidecar` naming what is wrong; the whole request fails, as for a bad `event`.
 */
export function parseUploadSidecar(text: string): UploadSidecar {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw errors.badRequest('invalid_sidecar', 'The `sidecar` field must be JSON.');
  }
  const parsed = uploadSidecarSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `\`${issue.path.join('.')}\`: ` : '';
    throw errors.badRequest('invalid_sidecar', `The \`sidecar\` field is not valid: ${where}${issue.message}.`);
  }
  const s = parsed.data;
  return {
    ...(s.capturedAt ? { capturedAt: Date.parse(s.capturedAt) } : {}),
    ...(s.latitude !== undefined && s.longitude !== undefined ? { latitude: s.latitude, longitude: s.longitude } : {}),
    ...(s.description ? { description: s.description } : {}),
    people: [...new Set(s.people ?? [])],
  };
}

/** The row fields a sidecar fills where the file's metadata left them empty (a duplicate uploaded again with a sidecar). */
export function sidecarFills(
  row: { captured_at_source: string; latitude: number | null; description: string | null },
  s: UploadSidecar,
): { captured_at?: number; captured_at_source?: 'client'; latitude?: number; longitude?: number; description?: string } {
  return {
    ...(row.captured_at_source === 'upload' && s.capturedAt !== undefined
      ? { captured_at: s.capturedAt, captured_at_source: 'client' as const }
      : {}),
    ...(row.latitude === null && s.latitude !== undefined ? { latitude: s.latitude, longitude: s.longitude } : {}),
    ...(row.description === null && s.description ? { description: s.description } : {}),
  };
}
