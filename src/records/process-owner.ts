/**
 * A process that holds a socket open: found by scanning /proc/<pid>/fd for links
 * `socket:[inode]`. Only filled where the reader is permitted to see the process's fds.
 */
import { defineRecord, f, type RecordOf } from './field.js';

export const processOwnerSchema = defineRecord('process-owner', 'A process holding a socket open through one of its file descriptors.', {
  pid: f.u32('Process id (in the reading process\'s pid namespace).', { kernel: '/proc/<pid>' }),
  command: f.string('Command name, as /proc/<pid>/comm gives it (at most 15 bytes).', { kernel: 'comm' }),
  fd: f.u32('File descriptor number that refers to the socket.', { kernel: '/proc/<pid>/fd/<fd>' }),
});

export type ProcessOwner = RecordOf<typeof processOwnerSchema>;
