/**
 * Package entry `kstat`. For now it carries the network views (the same as
 * `kstat/netstat`) and the exact JSON writer; the kstat namespace API
 * (kstatOpen, chain, lookup) joins it in its own issue.
 */
export * from './netstat.js';
export { toJson } from './format/json.js';
