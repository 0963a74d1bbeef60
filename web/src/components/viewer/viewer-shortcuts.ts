/** The viewer's keyboard shortcuts: one table feeds both the key handler's documentation and the `?` dialog. */
export interface Shortcut {
  keys: string[];
  what: string;
}

export const VIEWER_SHORTCUTS: Shortcut[] = [
  { keys: ['←', '→'], what: 'Previous / next photo' },
  { keys: ['+', '−'], what: 'Zoom in / out' },
  { keys: ['0'], what: 'Fit the photo to the screen' },
  { keys: ['I'], what: 'Show or hide the info panel' },
  { keys: ['F'], what: 'Favourite, or remove from favourites' },
  { keys: ['A'], what: 'Add to an album' },
  { keys: ['S'], what: 'Share' },
  { keys: ['D'], what: 'Download the original' },
  { keys: ['Delete'], what: 'Move to the trash' },
  { keys: ['?'], what: 'This list' },
  { keys: ['Esc'], what: 'Close the viewer' },
];

/** Also by hand and mouse: for the dialog's second part. */
export const VIEWER_GESTURES: Shortcut[] = [
  { keys: ['Wheel', 'Pinch'], what: 'Zoom where the cursor or fingers are' },
  { keys: ['Double tap'], what: 'Zoom in there, or back out' },
  { keys: ['Drag'], what: 'Move around a zoomed photo' },
  { keys: ['Swipe'], what: 'Next / previous photo' },
];
