/** Types of the Friends panel: the API's DTOs (generated SDK), re-exported for its components. */
import type { Schemas } from '@kith/sdk';
export type { Listen, NowPlaying, NowPlayingFriend } from '../../api/types';
export type FindLink = Schemas['FindLink'];
