// Rewrites README.md's capability table from the targets' declarations (needs `npm run build`).
import { readFileSync, writeFileSync } from "node:fs";
import { capabilityTable } from "../dist/cli/targets-table.js";

const path = new URL("../README.md", import.meta.url);
const readme = readFileSync(path, "utf8");
const table = await capabilityTable("markdown");
writeFileSync(path, readme.replace(/(<!-- capabilities:start -->\n)[\s\S]*?(<!-- capabilities:end -->)/, `$1${table}$2`));
