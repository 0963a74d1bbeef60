import type { paths } from '@kith/sdk';

/** Body of `POST /api/now-playing` (from the committed OpenAPI document). */
export type PlayInput = paths['/api/now-playing']['post']['requestBody']['content']['application/json'];
