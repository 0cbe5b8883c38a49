import { isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

// The first line of a spec svcgen writes (init, import): editors with a YAML language server then
// complete and check every field. It points at the schema of the svcgen that wrote the spec, relative to
// the spec's folder, which is right for the common case of svcgen installed in the deployment repo
// (node_modules/svcgen/schema/...); svcgen has no published schema URL to point at instead.
const SCHEMA = fileURLToPath(new URL("../../schema/service.schema.json", import.meta.url));

export function schemaModeline(specDir: string): string {
  const rel = relative(resolve(specDir), SCHEMA);
  const path = isAbsolute(rel) ? rel : rel.split(sep).join("/");
  return `# yaml-language-server: $schema=${path}`;
}
