// A port the OS has just handed out. A stopped code-server once kept its port for a while,
// so every start asks for a fresh one instead of reusing a fixed number.
import { createServer } from 'node:net';

/** @returns {Promise<number>} */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen({ host, port: 0 }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('the OS gave no free port'))));
    });
  });
}
