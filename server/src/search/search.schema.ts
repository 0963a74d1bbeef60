import { z } from 'zod';
import { assetSchema } from '../assets/assets.schema.js';

/** GET /api/search query string. The length rule answers its own code (`query_too_long`), so it lives in the service. */
export const searchQuery = z.object({
  q: z
    .string()
    .describe(
      'What to look for: people, places, dates ("June 2026", "2026", "last summer"), words of file names, captions, album and event titles; every term must match',
    ),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const searchTermSchema = z
  .object({
    kind: z
      .enum(['person', 'place', 'date', 'text'])
      .describe('person: one of my People; place: a GeoNames place I have photos near; date: a capture-time range; text: a word'),
    text: z.string().describe('The words of the query this term covers, as typed'),
    label: z.string().describe('What it was understood as: the person\'s name, the place\'s name, "June 2026"'),
    personIds: z.array(z.uuid()).optional().describe('person: the People it matched (several when they share the name)'),
    from: z.string().optional().describe('date: ISO 8601 start, inclusive (UTC)'),
    to: z.string().optional().describe('date: ISO 8601 end, exclusive (UTC)'),
  })
  .meta({ id: 'SearchTerm' });

export const searchPageSchema = z
  .object({
    terms: z.array(searchTermSchema).describe('The query as understood, in order'),
    items: z.array(assetSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SearchPage' });
