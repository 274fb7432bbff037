// Typed hyperscript over React.createElement. The web app's modules are plain .ts (no JSX):
// the root tsconfig type-checks apps/*/src without a `jsx` setting, and h() keeps the same
// prop checking JSX has — HTML and react-three-fiber elements come from React.JSX, whose
// IntrinsicElements @react-three/fiber extends with the three.js classes.
import {
  createElement,
  type Attributes,
  type ComponentType,
  type JSX,
  type ReactElement,
  type ReactNode,
} from 'react';

type Intrinsic = JSX.IntrinsicElements;
/** data-* attributes, which JSX allows on any element */
type DataAttributes = { [k: `data-${string}`]: string | number | boolean | undefined };

export function h<K extends keyof Intrinsic>(
  type: K,
  props?: (Intrinsic[K] & DataAttributes) | null,
  ...children: ReactNode[]
): ReactElement;
export function h<P extends object>(
  type: ComponentType<P>,
  props: (P & Attributes) | null,
  ...children: ReactNode[]
): ReactElement;
export function h(type: unknown, props?: unknown, ...children: ReactNode[]): ReactElement {
  return createElement(type as string, props as Attributes, ...children);
}
