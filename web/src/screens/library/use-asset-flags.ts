/**
 * Favourite and Archive from a selection (Google Photos' selection bar): one bulk call, the screen's
 * list follows (a photo leaving the view goes, one staying is updated), and a toast with Undo.
 */
import { assetsApi } from '../../api/assets';
import { errorMessage } from '../../api/client';
import type { Asset } from '../../api/types';
import { plural } from '../../lib/format';
import { useToast } from '../../state/toasts';

type Flags = { favorite?: boolean; archived?: boolean };

/**
 * @param keeps whether a photo with these flags still belongs in the screen's view.
 * @returns `setFlags(assets, flags)`, resolving to whether it worked.
 */
export function useAssetFlags(keeps: (a: Asset) => boolean, onGone: (ids: string[]) => void, onChanged: (asset: Asset) => void) {
  const toast = useToast();
  const apply = (assets: Asset[], flags: Flags) => {
    for (const a of assets) {
      const next = { ...a, ...flags };
      if (keeps(next)) onChanged(next);
      else onGone([a.id]);
    }
  };
  return async (assets: Asset[], flags: Flags): Promise<boolean> => {
    const ids = assets.map((a) => a.id);
    try {
      await assetsApi.bulkSetFlags(ids, flags);
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
      return false;
    }
    apply(assets, flags);
    const n = plural(ids.length, 'photo');
    const message =
      flags.archived === true
        ? `Archived ${n}`
        : flags.archived === false
          ? `Moved ${n} back to the library`
          : flags.favorite
            ? `Added ${n} to favourites`
            : `Removed ${n} from favourites`;
    const undo: Flags = {};
    if (flags.archived !== undefined) undo.archived = !flags.archived;
    if (flags.favorite !== undefined) undo.favorite = !flags.favorite;
    toast({
      tone: 'success',
      message,
      action: {
        label: 'Undo',
        onClick: () =>
          void assetsApi
            .bulkSetFlags(ids, undo)
            .then(() => assets.forEach((a) => (keeps(a) ? onChanged(a) : undefined)))
            .catch((err: unknown) => toast({ tone: 'error', message: errorMessage(err) })),
      },
    });
    return true;
  };
}
