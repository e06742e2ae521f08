/**
 * What the browser does with our storage and cache: whether IndexedDB works at all (private windows and locked
 * -down browsers may refuse it), whether it is persistent (not evicted when the disk fills up), and
 * how full it is. Shown to the user, because their work lives only here.
 */
export class StorageStatus {
  /** False when IndexedDB could not be opened: the app runs in memory and offers export only. */
  available = $state(true);
  /** Null when the browser cannot tell (no StorageManager). */
  persisted = $state<boolean | null>(null);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  /** A newer version of the app is cached (the service worker updated): reloading switches to it. */
  updateReady = $state(false);

  constructor(available: boolean) {
    this.available = available;
  }

  /** Asks the browser to keep our data (Chrome decides silently, Firefox asks the user). */
  async requestPersistence(): Promise<void> {
    const storage = navigator.storage;
    if (!this.available || !storage?.persisted) return;
    try {
      this.persisted = (await storage.persisted()) || (await storage.persist());
    } catch {
      this.persisted = false;
    }
    await this.refreshEstimate();
  }

  async refreshEstimate(): Promise<void> {
    try {
      const estimate = await navigator.storage?.estimate?.();
      this.usage = estimate?.usage ?? null;
      this.quota = estimate?.quota ?? null;
    } catch {
      // Some browsers refuse estimates in private windows; the numbers are then not shown.
    }
  }
}
