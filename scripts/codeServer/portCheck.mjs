// Tells whether a fixed port (npm start's PORT) can be bound, so a clash gets a clear message
// instead of a server that dies during startup.
import { createServer } from 'node:net';

/** @returns {Promise<boolean>} */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolveCheck) => {
    const probe = createServer();
    probe.once('error', () => resolveCheck(false));
    probe.listen({ host, port }, () => probe.close(() => resolveCheck(true)));
  });
}
