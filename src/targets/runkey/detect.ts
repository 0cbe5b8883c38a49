// Cheap enough for every file `svcgen import` is given, and loaded with the registry: no reader code here.
// A registry export (`reg export` writes "Windows Registry Editor Version 5.00" first) with a Run or RunOnce
// key is the Run-key reader's; an export of a service key is nssm's or sc's (scm/detect.ts).

const HEADER = /^\s*Windows Registry Editor Version 5\.00[ \t]*\r?\n/;
const RUN_KEY = /^\[(?:HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE|HKEY_USERS\\[^\\\]\r\n]+)\\Software\\(?:WOW6432Node\\)?Microsoft\\Windows\\CurrentVersion\\Run(?:Once)?\][ \t]*\r?$/im;

export function detectRunKeyExport(text: string | undefined): boolean {
  return text !== undefined && HEADER.test(text) && RUN_KEY.test(text);
}
