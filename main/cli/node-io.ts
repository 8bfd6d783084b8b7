import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import type { CliIo } from "./io";

/** The real terminal: stdout, stderr, environment, and a password prompt that does not echo. */
export function nodeIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    platform: process.platform,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    promptSecret: (question) => {
      if (!process.stdin.isTTY) return Promise.resolve(null);
      let muted = false;
      // Echo the question, then swallow every keystroke so the secret never shows on screen.
      const output = new Writable({
        write(chunk, _enc, done) {
          if (!muted) process.stderr.write(chunk);
          done();
        },
      });
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      return new Promise((resolve) => {
        rl.question(question, (answer) => {
          rl.close();
          process.stderr.write("\n");
          resolve(answer);
        });
        muted = true;
      });
    },
  };
}
