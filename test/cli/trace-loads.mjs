// Loaded with --import: records every module the process loads (resolved URLs) in SVCGEN_TRACE_FILE.
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { appendFileSync } from "node:fs";

const { port1, port2 } = new MessageChannel();
port1.on("message", (url) => appendFileSync(process.env.SVCGEN_TRACE_FILE, url + "\n"));
port1.unref();
const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }
`;
register("data:text/javascript," + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
