import type { Detection } from "../types.js";
import { xmlRootName } from "../xml-root.js";

// Cheap enough for every file `svcgen import` is given, and loaded with the registry: no XML parser here. A
// task's root element is <Task> (in the task namespace, which the reader checks).
export function detectTask(text: string | undefined): Detection | undefined {
  return text !== undefined && xmlRootName(text) === "Task" ? {} : undefined;
}
