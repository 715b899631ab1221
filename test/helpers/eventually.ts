/**
 * Poll until `ok` accepts what `fn` returns (errors count as not yet), then return it; fail naming
 * `what` after `ms`. For what is eventually consistent: visibility lists, deadlines computed by an
 * activity, a server coming back.
 */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, { ms = 30_000, every = 250, what = 'condition' } = {}): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (ok(v)) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(`${what} not met in ${ms} ms; last: ${String(last instanceof Error ? last.message : JSON.stringify(last)).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
