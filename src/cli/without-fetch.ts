// Start-up of the TUI: Ink's layout engine (yoga-layout) instantiates its WebAssembly from a base64 data:
// URL, with fetch() when the global exists. The first fetch() call loads Node's bundled undici, ~50 ms
// (three times that on a busy machine) before the first frame; without fetch, yoga decodes the bytes itself.

/** Runs `load` (the TUI's dynamic imports) with the global `fetch` hidden, and puts it back when it settles. */
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!saved?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { configurable: true, enumerable: saved.enumerable, writable: true, value: undefined });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', saved);
  }
}
