/**
 * Runs the BUILT backend host (out/electron/backend-host.cjs) under plain Node the way Electron's
 * utilityProcess runs it: `process.type` is 'utility' and `process.parentPort` delivers the start
 * message with a MessagePort. The port here is relayed over Node's child-process channel
 * (structured clone, like Electron's), and speaks the same `{data}` message events.
 *
 * Usage: node host-bootstrap.cjs /path/to/backend-host.cjs   (spawned with an 'ipc' stdio slot)
 */
'use strict';
const { EventEmitter } = require('node:events');

const host = process.argv[2];
if (!host || typeof process.send !== 'function') {
  console.error('host-bootstrap: usage: node host-bootstrap.cjs BACKEND_HOST_CJS (with an IPC channel)');
  process.exit(2);
}

/** Electron's MessagePortMain, as far as the host uses it. */
class RelayedPort extends EventEmitter {
  postMessage(message) {
    process.send({ kind: 'port', data: message });
  }
  start() {}
  close() {
    this.emit('close');
  }
}

const port = new RelayedPort();
const parentPort = new EventEmitter();
process.type = 'utility';
process.parentPort = parentPort;

process.on('message', (m) => {
  if (m.kind === 'init') parentPort.emit('message', { data: m.data, ports: [port] });
  else if (m.kind === 'port') port.emit('message', { data: m.data });
  else if (m.kind === 'close') port.close();
});
// The main process going away closes the port, as in Electron.
process.on('disconnect', () => port.close());

require(host);
