/** The package version the commands print (kept equal to package.json by a unit test). */
export const KSTAT_VERSION = '0.1.0';
