/**
 * Where each kind of tree source finds its files. Only the layout differs between the
 * live kernel, a captured tree and another process's network namespace; every parser
 * and assembler is shared.
 */
import { resolve } from 'node:path';
import type { TreeLayout } from './reader.js';
import type { SourceInfo } from '../source.js';

export interface TreeSetup {
  readonly layout: TreeLayout;
  readonly info: SourceInfo;
}

/** The live kernel, seen from this process's namespaces. */
export function liveLayout(): TreeSetup {
  return { layout: { root: '/' }, info: { kind: 'live', label: 'live kernel' } };
}

/**
 * A captured tree: a directory shaped like a machine root (proc/net/..., sys/class/net/...).
 * Every path is resolved under it, so a session on a tree can never read the live /proc.
 */
export function capturedTreeLayout(dir: string): TreeSetup {
  const root = resolve(dir);
  return { layout: { root }, info: { kind: 'tree', label: `tree ${dir}` } };
}

/**
 * The network namespace of another process. /proc/<pid>/net shows that process's
 * namespace. /sys/class/net shows the namespace of whoever mounted that sysfs, so it is
 * taken through the process's own root (/proc/<pid>/root/sys): right for processes
 * started by `ip netns exec` (which mounts a fresh sysfs) and for containers. Where that
 * sysfs belongs to another namespace anyway, the interface assembler sees the mismatch
 * with /proc/<pid>/net/dev and drops the sysfs fields rather than mix namespaces.
 *
 * etc (services and passwd names, assemble/names.ts) is the process's too, through its
 * root: a container's own /etc. An absolute symbolic link inside it (e.g. /etc/services →
 * /usr/share/...) is resolved by the kernel against the *reading* process's root, so it
 * would name the host's file: such a container shows the host's names.
 *
 * /proc/<pid>/fd under the normal /proc is kept for owner scans: socket inodes are
 * unique machine-wide (one sockfs), so owners in any namespace match.
 * /proc/sys/net shows the namespace of the *reading* process, whatever the path, so the
 * per-namespace sysctls (tcp_rmem, tcp_wmem since 4.15, udp_rmem_min, udp_wmem_min) are
 * hidden rather than reported for the wrong namespace; tcp_mem and udp_mem are global
 * (one value for the machine) and are read as is.
 */
const PER_NETNS_SYSCTL = 'per-namespace sysctl: /proc/sys/net shows the reading process\'s namespace, not this one';

export function pidLayout(pid: number): TreeSetup {
  return {
    layout: {
      root: '/',
      overrides: { 'proc/net': `/proc/${pid}/net`, sys: `/proc/${pid}/root/sys`, etc: `/proc/${pid}/root/etc` },
      hidden: Object.fromEntries(
        ['tcp_rmem', 'tcp_wmem', 'udp_rmem_min', 'udp_wmem_min'].map((name) => [`proc/sys/net/ipv4/${name}`, PER_NETNS_SYSCTL]),
      ),
    },
    info: { kind: 'pid', label: `pid ${pid} (/proc/${pid}/net)` },
  };
}

/**
 * A network namespace reached by name or path (`ip netns` style), which may hold no
 * process: procfs through a thread that lives in it (netlink/namespace-thread.ts). A
 * network namespace has no files of its own, so etc (service and user names) is this
 * machine's /etc, as `ip netns exec` shows it too (apart from /etc/netns/NAME overlays). The
 * sysfs mounted here belongs to another namespace, so it is hidden (rtnetlink gives the
 * interface attributes), like the per-namespace sysctls.
 */
export function netnsLayout(procNet: string, label: string): TreeSetup {
  return {
    layout: {
      root: '/',
      overrides: { 'proc/net': procNet },
      hidden: {
        sys: 'sysfs shows the namespace that mounted it, not this one',
        ...Object.fromEntries(['tcp_rmem', 'tcp_wmem', 'udp_rmem_min', 'udp_wmem_min'].map((name) => [`proc/sys/net/ipv4/${name}`, PER_NETNS_SYSCTL])),
      },
    },
    info: { kind: 'netns', label },
  };
}
