// Progress lines while the bench runs; the figures come in one table at the end.

export const log = (message: string) => console.log(`[bench] ${message}`);

export async function timed<T>(what: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
