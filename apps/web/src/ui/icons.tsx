// Transport icons as inline SVG (no icon font: a wall display or a headless browser may lack
// the glyphs). Decorative: the buttons carry aria-labels.
import type { ReactElement } from 'react';

const PATHS = {
  play: 'M4 2 L14 8 L4 14 Z',
  pause: 'M3 2 H7 V14 H3 Z M9 2 H13 V14 H9 Z',
  back: 'M2 2 H4 V14 H2 Z M14 2 L5 8 L14 14 Z',
  forward: 'M12 2 H14 V14 H12 Z M2 2 L11 8 L2 14 Z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }): ReactElement {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden={true} focusable={false}>
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
