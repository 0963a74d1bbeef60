/**
 * Deleting photos as Immich and Google Photos do: they go to the trash at once, with "Undo" on the toast.
 * When some are in albums other people see, a confirmation first names those albums and how many people
 * would no longer see the photos.
 */
import { trashApi } from '../../api/trash';
import { errorMessage } from '../../api/client';
import type { Asset } from '../../api/types';
import { plural } from '../../lib/format';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';

/**
 * @param onGone removes the photos from the screen's list; @param onBack puts them back after Undo.
 * @returns `moveToTrash(assets)`, resolving to whether they went.
 */
export function useMoveToTrash(onGone: (ids: string[]) => void, onBack: (assets: Asset[]) => void) {
  const confirm = useConfirm();
  const toast = useToast();
  return async (assets: Asset[]): Promise<boolean> => {
    const ids = assets.map((a) => a.id);
    try {
      const impact = await trashApi.impact(ids);
      if (impact.albums.length) {
        const names = impact.albums.map((a) => `“${a.name}”`).join(', ');
        const ok = await confirm({
          title: ids.length === 1 ? 'This photo is in shared albums' : `${plural(ids.length, 'photo')} are in shared albums`,
          body: (
            <span data-testid="shared-delete-warning">
              {ids.length === 1
                ? `It is in ${names}: ${plural(impact.people, 'person', 'people')} will no longer see it. You can restore it from the trash.`
                : `They are in ${names}: ${plural(impact.people, 'person', 'people')} will no longer see them. You can restore them from the trash.`}
            </span>
          ),
          confirmLabel: 'Move to trash',
          danger: true,
        });
        if (!ok) return false;
      }
      await trashApi.moveToTrash(ids);
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
      return false;
    }
    onGone(ids);
    toast({
      tone: 'success',
      message: `Moved ${plural(ids.length, 'photo')} to the trash`,
      action: {
        label: 'Undo',
        onClick: () =>
          void trashApi
            .restore(ids)
            .then(() => onBack(assets))
            .catch((err: unknown) => toast({ tone: 'error', message: errorMessage(err) })),
      },
    });
    return true;
  };
}
