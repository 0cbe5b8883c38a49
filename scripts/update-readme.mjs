// Rewrites the generated parts of the documentation from the targets' declarations (needs `npm run build`):
// README.md's capability table, and docs/spec.md's per-field tables of what each target does.
import { readFileSync, writeFileSync } from "node:fs";
import { capabilityData, capabilityTable, withFieldTables } from "../dist/cli/targets-table.js";

const readmePath = new URL("../README.md", import.meta.url);
const readme = readFileSync(readmePath, "utf8");
const table = await capabilityTable("markdown");
writeFileSync(readmePath, readme.replace(/(<!-- capabilities:start -->\n)[\s\S]*?(<!-- capabilities:end -->)/, `$1${table}$2`));

const specPath = new URL("../docs/spec.md", import.meta.url);
writeFileSync(specPath, withFieldTables(readFileSync(specPath, "utf8"), await capabilityData()));
