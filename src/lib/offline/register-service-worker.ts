/**
 * Registers the service worker of the built app (sw.js, next to index.html) so the app works with the
 * network gone. Not in development (Vite's dev server serves sources that change on every edit).
 * `onUpdate` is called when a newer build has taken over the cache while this page still runs the
 * old one: the page should offer a reload.
 */
export function registerServiceWorker(onUpdate: () => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(new URL('sw.js', document.baseURI))
    .then((registration) => {
      registration.addEventListener('updatefound', () => {
        // The first install is not an update: only a page already served by a worker gets a newer one.
        const isUpdate = navigator.serviceWorker.controller !== null;
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'activated' && isUpdate) onUpdate();
        });
      });
    })
    .catch((error: unknown) => {
      // The app still works online; it only cannot be opened offline.
      console.warn('service worker not registered', error);
    });
}
