import * as net from "node:net";
import * as tls from "node:tls";

/**
 * The floor: exactly the exchange the engine benchmark runs (greeting, EHLO, STARTTLS, EHLO,
 * QUIT), with bare node:net/node:tls, the same TLS verification, and nothing else: no events, no
 * parsing beyond finding the end of a reply. Ehlo's engine cannot be faster than this.
 */
export function floorSession(host: string, port: number, ca: string, servername: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket | tls.TLSSocket = net.connect({ host, port });
    socket.setNoDelay(true);
    let buffer = "";
    let step = 0;
    const send = (line: string) => socket.write(`${line}\r\n`);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      // A reply is complete when a line has a space after the code.
      while (/(^|\n)\d{3} [^\n]*\n/.test(buffer)) {
        buffer = "";
        step++;
        if (step === 1) send("EHLO bench.ehlo.test");
        else if (step === 2) send("STARTTLS");
        else if (step === 3) {
          socket.off("data", onData);
          const secure = tls.connect({ socket, servername, ca: [ca], rejectUnauthorized: false }, () => {
            if (!secure.authorized || tls.checkServerIdentity(servername, secure.getPeerCertificate()) !== undefined) {
              reject(new Error("floor: TLS not verified"));
              return;
            }
            send("EHLO bench.ehlo.test");
          });
          secure.on("data", onData);
          secure.on("error", reject);
          socket = secure;
        } else if (step === 4) send("QUIT");
        else if (step === 5) {
          socket.destroy();
          resolve();
        }
      }
    };
    socket.on("data", onData);
    socket.on("error", reject);
  });
}
