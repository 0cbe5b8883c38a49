import type { Detection } from "../types.js";
import { xmlRootName } from "../xml-root.js";

// Cheap enough for every file `svcgen import` is given, and loaded with the registry: no XML parser here. A
// WinSW file's root element is <service> (WinSW 2 accepts any root: give such a file with --from winsw).
export function detectWinsw(text: string | undefined): Detection | undefined {
  return text !== undefined && xmlRootName(text) === "service" ? {} : undefined;
}
