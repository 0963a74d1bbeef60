import { z } from 'zod';
import { TARGET_IDS } from '../connectors/connector.js';

/**
 * Schemes `imageUrl` may have: http(s), the only ones the server fetches and the share page links to;
 * blob: and data:, which the embed script sends together with the image bytes (it can read them, the
 * server cannot). Anything else (`javascript:`, `file:`, a relative URL) is refused at creation.
 */
const IMAGE_URL_SCHEMES = new Set(['http:', 'https:', 'blob:', 'data:']);
const imageUrlScheme = (v: string) => {
  try {
    return IMAGE_URL_SCHEMES.has(new URL(v).protocol);
  } catch {
    return false;
  }
};

const px = z.number().int().min(-1_000_000).max(1_000_000);
const frac = z.number().min(-1).max(2);

export const pixelRectSchema = z
  .object({ x: px, y: px, width: px, height: px })
  .describe('Rectangle in natural pixels of the EXIF-oriented image (naturalWidth/naturalHeight space)');
export const fractionRectSchema = z
  .object({ x: frac, y: frac, width: frac, height: frac })
  .describe('The same rectangle as fractions of the natural width and height (0–1)');

/** `:id` of a share: 12 random bytes, base64url (the link is the capability). */
export const shareIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'is not a share id') });

/** The share request of region-sharing claim 1 and S250, as the embed script sends it. */
export const createRegionShareBody = z.object({
  pageUrl: z
    .url({ protocol: /^https?$/ })
    .max(4096)
    .describe('The page the image is on'),
  imageUrl: z
    .string()
    .min(1)
    .max(8192)
    .refine(imageUrlScheme, 'must be an absolute http(s) URL, or the blob:/data: URL of image bytes sent with the request')
    .describe("The image's `currentSrc` (the srcset candidate the browser chose): http(s), or blob:/data: with the bytes"),
  imageIndex: z.number().int().min(0).max(100_000).describe("Index among the page's <img> elements (claim 2: which image)"),
  rect: pixelRectSchema,
  fraction: fractionRectSchema,
  naturalWidth: z.number().int().min(1).max(1_000_000),
  naturalHeight: z.number().int().min(1).max(1_000_000),
  description: z.string().max(1000).default('').describe('Text the user typed (claim 5)'),
  target: z.enum(TARGET_IDS).describe('Platform chosen among the overlay icons (claim 6)'),
  albumId: z.uuid().optional().describe('`kith` target: album to add the crop to (default: "Shared regions")'),
  imageData: z
    .string()
    .optional()
    .describe('Base64 of the image bytes, when the server cannot fetch imageUrl itself (behind a login, blob: URLs)'),
});

export const regionShareSchema = z
  .object({
    id: z.string(),
    url: z.string().describe('Public share page /s/{id} (Open Graph + Twitter card)'),
    imageUrl: z.string().describe('Public URL of the crop (PNG)'),
    assetId: z.uuid().describe('The crop as an asset of the owner’s library'),
    pageUrl: z.string(),
    sourceImageUrl: z.string(),
    imageIndex: z.number().int(),
    rect: pixelRectSchema.describe('The rectangle actually cropped, clamped to the image'),
    natural: z.object({ width: z.number().int(), height: z.number().int() }),
    description: z.string(),
    target: z.enum(TARGET_IDS),
    imageSource: z.enum(['fetched', 'uploaded']).describe('Whether the server fetched imageUrl or used the bytes the client sent'),
    delivery: z.object({
      status: z.enum(['none', 'queued', 'delivered', 'failed', 'intent']),
      url: z.string().nullable().describe('Album page, posted status, or (intent) the platform URL the overlay opens'),
      error: z.string().nullable(),
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'RegionShare' });

export const targetSchema = z
  .object({ id: z.enum(TARGET_IDS), label: z.string(), kind: z.enum(['server', 'intent']) })
  .meta({ id: 'ShareTarget' });

export const siteKeySchema = z
  .object({
    id: z.uuid(),
    key: z.string().describe('Public key for `data-site-key`'),
    name: z.string(),
    origins: z.array(z.string()),
    targets: z.array(z.enum(TARGET_IDS)),
    albumId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'SiteKey' });

export const createSiteKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  origins: z.array(z.string().max(300)).min(1).max(20).describe('Origins the key works on, e.g. https://blog.example'),
  targets: z.array(z.enum(TARGET_IDS)).min(1).default(['kith']),
  albumId: z.uuid().optional(),
});

/** `GET /api/region-shares/page-images`: the shared page's address. */
export const pageImagesQuery = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'must be a web page address starting with http:// or https://' })
    .max(4096)
    .describe('The web page to list the pictures of (absolute http or https URL)'),
});

export const pageImagesSchema = z.object({
  pageUrl: z.string().describe('The URL that answered, after redirects: send it as `pageUrl` of the share'),
  title: z.string().describe('The page’s <title>, or its og:title; empty if it has neither'),
  images: z
    .array(
      z.object({
        url: z.string().describe('Absolute http(s) URL: send it as `imageUrl` of the share'),
        alt: z.string().describe('The <img> alt text (empty for og:image and images without one)'),
        width: z.number().int().optional().describe('Width the page declares for it (CSS px), if any'),
        height: z.number().int().optional().describe('Height the page declares for it (CSS px), if any'),
      }),
    )
    .describe('og:image/twitter:image first, then each <img> (largest srcset candidate, then src), in document order; at most 50'),
});
