import { writeSync } from "node:fs";

// The CLI's output goes straight to file descriptors 1 and 2. Touching process.stdout or
// process.stderr builds a stream (and, for a pipe, loads the net module): about 2 ms of a `validate`
// whose budget is measured in single milliseconds. Writes are synchronous, as Node's own are for files
// and for pipes on Linux, so nothing is lost when the process exits.

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeFd(fd: number, text: string): void {
  if (text === "") return;
  const buf = Buffer.from(text, "utf8");
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking pipe that is full: wait for the reader.
      if (code === "EAGAIN") Atomics.wait(pause, 0, 0, 1);
      // The reader is gone (`svcgen ... | head`): nothing more to say to it.
      else if (code === "EPIPE") return;
      else throw e;
    }
  }
}

export interface OutputSink {
  stdout(text: string): void;
  stderr(text: string): void;
}

let sink: OutputSink | undefined;

/** Sends the CLI's output to `to` (in-process tests) until the returned function is called. */
export function redirectOutput(to: OutputSink): () => void {
  const previous = sink;
  sink = to;
  return () => {
    sink = previous;
  };
}

export const writeStdout = (text: string): void => (sink ? sink.stdout(text) : writeFd(1, text));
export const writeStderr = (text: string): void => (sink ? sink.stderr(text) : writeFd(2, text));
