// first-load module
// Background work (the sync engine, the due-date pull, the cards' "what is missing") waits for the
// first real screen: while the list's IndexedDB reads are in flight the main thread looks idle, and
// work started then (parsing the 140 KB editor chunk on a slow phone) delayed the list (issue #17).
let release: (() => void) | undefined;
const firstScreen = new Promise<void>((resolve) => (release = resolve));

/** Called once a screen with content is on screen (the list with its cards, a loaded lazy screen). */
export function markFirstScreen(): void {
  release?.();
  release = undefined;
}

/** Runs `fn` once the page is idle after the first screen (work that must not delay it). */
export function whenIdle(fn: () => void, timeout = 3000): void {
  const idle = () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(() => fn(), { timeout });
    else setTimeout(fn, 500);
  };
  // never wait forever: a screen that does not mark itself still gets its background work
  void Promise.race([firstScreen, new Promise((r) => setTimeout(r, timeout))]).then(idle);
}
