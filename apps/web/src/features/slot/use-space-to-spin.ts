import { useEffect, useRef } from 'react';

/** Elements where the space bar already means something (typing, pressing a focused control). */
const OWNS_SPACE = 'input, textarea, select, button, a, summary, [contenteditable="true"], [role="button"], [role="slider"]';

/** The space bar spins, unless focus is somewhere that uses it. */
export function useSpaceToSpin(onSpace: () => void) {
  const handler = useRef(onSpace);
  handler.current = onSpace;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest(OWNS_SPACE)) return;
      e.preventDefault();
      handler.current();
    };
    globalThis.addEventListener('keydown', onKey);
    return () => globalThis.removeEventListener('keydown', onKey);
  }, []);
}
