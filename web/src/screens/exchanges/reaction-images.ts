/**
 * The quick reactions drawn as Twemoji SVGs (graphics CC-BY 4.0, https://github.com/jdecked/twemoji; package
 * `@twemoji/svg`), bundled by Vite as files: they look the same everywhere and need no colour emoji font, which many
 * Linux systems lack (the characters then show as empty boxes). File names are the code points, FE0F dropped.
 */
import thumbsUp from '@twemoji/svg/1f44d.svg';
import heart from '@twemoji/svg/2764.svg';
import laughing from '@twemoji/svg/1f602.svg';
import surprised from '@twemoji/svg/1f62e.svg';
import party from '@twemoji/svg/1f389.svg';
import type { Reaction } from '../../api/exchanges';

export const REACTION_IMAGES: Record<Reaction, string> = {
  '👍': thumbsUp,
  '❤️': heart,
  '😂': laughing,
  '😮': surprised,
  '🎉': party,
};
