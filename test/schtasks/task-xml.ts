import { XMLParser } from "fast-xml-parser";
import { expect } from "vitest";

// Reading a generated task file back in tests: the bytes must be UTF-16LE with a BOM and the UTF-16
// declaration (xmllint would accept other encodings, Windows does not), then the XML is parsed.

export const DECLARATION = '<?xml version="1.0" encoding="UTF-16"?>';

/** Checks the BOM and the declaration bytes and returns the document text. */
export function decodeTaskFile(bytes: Uint8Array): string {
  expect([bytes[0], bytes[1]], "UTF-16LE byte order mark").toEqual([0xff, 0xfe]);
  expect(bytes.length % 2, "whole UTF-16 code units").toBe(0);
  const declBytes = Buffer.from(DECLARATION, "utf16le");
  expect(Buffer.from(bytes.subarray(2, 2 + declBytes.length)).equals(declBytes), "declaration right after the BOM").toBe(true);
  return new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
}

export interface ExecAction {
  Command: string;
  Arguments?: string;
  WorkingDirectory?: string;
}

// The subset of the task document the tests look at.
export interface TaskDoc {
  "@_version": string;
  "@_xmlns": string;
  RegistrationInfo?: { Description?: string; URI?: string };
  Triggers?: {
    BootTrigger?: { Enabled: string; Delay?: string };
    LogonTrigger?: { Enabled: string; UserId?: string; Delay?: string };
  };
  Principals: { Principal: { "@_id": string; UserId: string; LogonType?: string; RunLevel?: string } };
  Settings: Record<string, unknown> & {
    Enabled: string;
    Priority: string;
    ExecutionTimeLimit: string;
    RestartOnFailure?: { Interval: string; Count: string };
  };
  Actions: { "@_Context": string; Exec: ExecAction[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => name === "Exec",
});

// trimValues is off so that values keep their spaces; the indentation between elements is dropped here.
function dropLayout(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropLayout);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(v)) {
    if (k === "#text" && typeof c === "string" && c.trim() === "") continue;
    out[k] = dropLayout(c);
  }
  return out;
}

/** Parses the task document (after decodeTaskFile). */
export function parseTask(text: string): TaskDoc {
  const doc = dropLayout(parser.parse(text)) as { Task: TaskDoc };
  return doc.Task;
}

/**
 * The spec with restart.policy accepted as lost for schtasks (options.schtasks.ignore), as every spec
 * that leaves restart.policy out must say: Task Scheduler cannot restart a program that exited, the
 * default on-failure asks for that. Left alone when the spec sets restart.policy (judged as written).
 */
export function ignoringRestartPolicy(yaml: string): string {
  if (/^restart: \{[^\n]*\bpolicy:/m.test(yaml)) return yaml;
  if (yaml.includes("options: { schtasks: { ignore: [")) return yaml.replace("options: { schtasks: { ignore: [", "options: { schtasks: { ignore: [restart.policy, ");
  if (yaml.includes("options: { schtasks: { ")) return yaml.replace("options: { schtasks: { ", "options: { schtasks: { ignore: [restart.policy], ");
  return yaml + "options: { schtasks: { ignore: [restart.policy] } }\n";
}
