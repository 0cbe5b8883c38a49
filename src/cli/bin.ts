#!/usr/bin/env node
// The executable: runs the CLI. (main.ts only exports it, so that tests call main() in-process.)
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
