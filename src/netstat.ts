/**
 * Package entry `kstat/netstat`: typed network views over one source.
 *
 *   const s = await open();                 // live kernel
 *   const s = await open({ root: dir });    // captured /proc + /sys tree
 *   const s = await open({ pid: 1234 });    // that process's network namespace
 *   const { data } = await s.sockets({ protocol: 'tcp', state: 'LISTEN' });
 */
export { open, type OpenOptions } from './netstat/open.js';
export { Session } from './netstat/session.js';
export { KstatError, formatIssue, type ErrorCode, type Issue, type IssueCode } from './errors.js';
export type { Reading, SourceInfo, SourceKind, Unavailable } from './sources/source.js';
export type { SocketQuery } from './sources/socket-query.js';
export type { RouteQuery } from './sources/route-query.js';
export type { NamesQuery, ServiceEntry, SystemNames, UserEntry } from './records/system-names.js';
export * from './records/catalog.js';
