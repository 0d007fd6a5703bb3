/**
 * The cold run of the systeminformation peer: a whole `node` process that calls
 * `networkConnections()` once and prints how many connections it returned.
 */
import si from 'systeminformation';

const connections = await si.networkConnections();
process.stdout.write(`${connections.length}\n`);
