import type { Detection } from "../types.js";

// Cheap enough for every file `svcgen import` is given, and loaded with the registry: no reader code here.
// A supervisord configuration file has, at the start of a line, one of the section headers supervisord
// itself reads: [program:x] (what svcgen imports), or [supervisord], [group:x], [include],
// [eventlistener:x], [fcgi-program:x] (a main file whose programs are elsewhere, which the reader explains).
// A systemd unit's sections are [Unit], [Service], [Install]; no other importable kind is an ini file.
const SECTION = /^[ \t]*\[(?:program:[^\]\r\n]+|supervisord|group:[^\]\r\n]+|include|eventlistener:[^\]\r\n]+|fcgi-program:[^\]\r\n]+)\]/m;

export function detectSupervisordConf(text: string | undefined): Detection | undefined {
  return text !== undefined && SECTION.test(text) ? {} : undefined;
}
