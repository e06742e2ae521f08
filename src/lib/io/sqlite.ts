import type { SqlJsStatic } from 'sql.js';

/**
 * SQLite (sql.js, WebAssembly), loaded the first time a GeoPackage is read or written: ~1 MB that the app
 * does not need otherwise. In the browser its browser build, with the .wasm served from the app's own origin
 * (kept offline by the service worker); in Node (tests) the package's own entry, which finds the .wasm
 * beside itself (named at run time, so the bundle does not carry its Node code).
 */
let loading: Promise<SqlJsStatic> | undefined;
const NODE_ENTRY = 'sql.js';

export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    if (typeof process !== 'undefined' && process.versions?.node) {
      const { default: init } = (await import(/* @vite-ignore */ NODE_ENTRY)) as { default: (config?: object) => Promise<SqlJsStatic> };
      return init();
    }
    const [{ default: init }, { default: wasmUrl }] = await Promise.all([import('sql.js/dist/sql-wasm-browser.js'), import('sql.js/dist/sql-wasm-browser.wasm?url')]);
    return init({ locateFile: () => new URL(wasmUrl, self.location.href).href });
  })();
  return loading;
}
