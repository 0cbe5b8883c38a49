import type { Detection } from "../types.js";

// Cheap enough for every file `svcgen import` is given, and loaded with the registry: no XML parser here. A
// task's root element is <Task> (in the task namespace, which the reader checks).
const ROOT = /^\uFEFF?(?:\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*<Task[\s>/]/;

export function detectTask(text: string | undefined): Detection | undefined {
  return text !== undefined && ROOT.test(text) ? {} : undefined;
}
