// first-load module
/** Runs `fn` once the page is idle after the first paint (work that must not delay the first screen). */
export function whenIdle(fn: () => void, timeout = 3000): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(() => fn(), { timeout });
  else setTimeout(fn, 500);
}
