/**
 * Every option kstat accepts. The letters are kstat(1M)'s (illumos getopt string
 * "h?CqjlpT:m:i:n:s:c:"); -R, -N, -M, -H and --save are ours (sources and snapshots, with
 * knetstat's letters).
 */
import type { OptionSpec } from '../args.js';

export const KSTAT_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', long: 'help' },
  { name: 'help', short: '?' },
  { name: 'version', long: 'version' },
  // output
  { name: 'colon', short: 'C' },
  { name: 'json', short: 'j' },
  { name: 'list', short: 'l' },
  { name: 'parseable', short: 'p' },
  { name: 'quiet', short: 'q' },
  { name: 'timestamp', short: 'T', value: 'required' },
  // selection
  { name: 'class', short: 'c', value: 'required' },
  { name: 'module', short: 'm', value: 'required' },
  { name: 'instance', short: 'i', value: 'required' },
  { name: 'name', short: 'n', value: 'required' },
  { name: 'statistic', short: 's', value: 'required' },
  // sources (ours)
  { name: 'root', short: 'R', long: 'root', value: 'required' },
  { name: 'netns', short: 'N', long: 'netns', value: 'required' },
  { name: 'via', long: 'via', value: 'required' },
  { name: 'snapshot', short: 'M', long: 'snapshot', value: 'required' },
  { name: 'host', short: 'H', long: 'host', value: 'required' },
  { name: 'save', long: 'save', value: 'required' },
];
