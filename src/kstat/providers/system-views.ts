/**
 * `system:0:<view>`, class `system`: one RAW kstat per system view (cpu, memory-info,
 * disks, interrupts, scheduler) whose bytes are the XDR of the view's whole Reading
 * (sources/snapshot/system-views.ts) — the system counterpart of netstat-views.ts, so a
 * snapshot answers the system views too. One provider per view; a view the source
 * lacks has no kstat.
 */
import { readOptional } from '../../sources/optional-kind.js';
import { encodeSystemViewReading, SYSTEM_VIEW_KINDS, SYSTEM_VIEWS, type SystemView, type SystemViewData } from '../../sources/snapshot/system-views.js';
import type { Reading } from '../../sources/source.js';
import type { KstatProvider } from '../provider.js';
import { fromView } from './view-reading.js';

function viewProvider<V extends SystemView>(view: V): KstatProvider {
  return {
    name: `system-${view}`,
    modules: ['system'],
    collect: (source) =>
      fromView(
        () => readOptional(source, SYSTEM_VIEW_KINDS[view]) as Promise<Reading<SystemViewData[V]>>,
        (_data, reading) => [{ module: 'system', instance: 0, name: view, class: 'system', type: 'RAW', data: { type: 'RAW', raw: encodeSystemViewReading(view, reading) } }],
      ),
  };
}

export const systemViewProviders: readonly KstatProvider[] = SYSTEM_VIEWS.map((view) => viewProvider(view));
