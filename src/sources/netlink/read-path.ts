/** Which path a live or namespace source may read: netlink with procfs fallback (auto), or only one of them. */
export type ReadPath = 'auto' | 'netlink' | 'procfs';
export const READ_PATHS: readonly ReadPath[] = ['auto', 'netlink', 'procfs'];
