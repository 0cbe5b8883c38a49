import type { Detection } from "../types.js";

// Cheap enough for every file `svcgen import` is given, and loaded with the registry: no reader code here.
// A launchd job is a property list: XML with a <plist> root whose dictionary has a Label key (launchd.plist(5):
// required). A binary plist (bplist00) is no text: import says how to convert it.
const XML_PLIST = /<plist[\s>]/;
const LABEL = /<key>\s*label\s*<\/key>/i;

export function detectPlist(name: string, bytes: Uint8Array, text: string | undefined): Detection | undefined {
  if (text === undefined) {
    const binary = bytes.length >= 8 && String.fromCharCode(...bytes.subarray(0, 6)) === "bplist";
    return binary ? { notText: `a binary property list: convert it to XML first (plutil -convert xml1 -o ${name.replace(/\.plist$/, "")}.xml.plist ${name})` } : undefined;
  }
  return XML_PLIST.test(text) && LABEL.test(text) ? {} : undefined;
}
