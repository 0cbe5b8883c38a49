// Loaded with --import: records every module the process loads (resolved URLs) in SVCGEN_TRACE_FILE.
// The hooks thread appends each URL itself, synchronously, before the module loads: a message posted
// back to the main thread could still be in flight when the process exits (seen on a busy machine).
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
let file;
export function initialize(data) { file = data.file; }
export async function load(url, context, next) { appendFileSync(file, url + "\\n"); return next(url, context); }
`;
register("data:text/javascript," + encodeURIComponent(hooks), { data: { file: process.env.SVCGEN_TRACE_FILE } });
