// Lists this machine's TCP listeners with their accept queues, as exact JSON.
// Run after `npm install` (which builds dist/): node examples/sockets.mjs
import { open, toJson } from '../dist/index.js';

const session = await open();
const listeners = await session.sockets({ protocol: 'tcp', state: 'LISTEN' });
const queues = await session.listenQueues();
console.log(toJson({ source: listeners.source, takenAt: listeners.takenAt, listeners: listeners.data, listenQueues: queues.data }, 2));
await session.close();
