/**
 * One chain update (or one readAll) asks many providers, and several read the same view:
 * `link` and `netstat:0:interfaces` both read interfaces(), `cpu` and `system:0:cpu` both
 * read cpu(). Through this wrapper a view method runs once per wrapper for the same
 * arguments and every provider gets that one Reading — half the reading work, and kstats
 * of one update that agree with each other. Providers only read the Readings they get.
 */
import type { Source } from '../sources/source.js';

const NOT_SHARED = new Set<string | symbol>(['clock', 'close', 'info']);

export function sharingReadings(source: Source): Source {
  const cache = new Map<string, Promise<unknown>>();
  return new Proxy(source, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (NOT_SHARED.has(prop) || typeof prop === 'symbol') return method.bind(target);
      return (...args: unknown[]) => {
        const key = `${prop}(${JSON.stringify(args)})`;
        let reading = cache.get(key);
        if (reading === undefined) cache.set(key, (reading = method.apply(target, args)));
        return reading;
      };
    },
  });
}
