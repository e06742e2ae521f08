/**
 * Registers the service worker of the built app (sw.js, next to index.html) so the app works with the
 * network gone. Not in development (Vite's dev server serves sources that change on every edit).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch((error: unknown) => {
    // The app still works online; it only cannot be opened offline.
    console.warn('service worker not registered', error);
  });
}
