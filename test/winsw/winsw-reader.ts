// Reads a WinSW XML file the way WinSW does, written from WinSW's source (v2.12.0
// src/WinSW.Core/Configuration/XmlServiceConfig.cs, ConfigHelper.cs, Program.cs Install(),
// WrapperService.cs; v3.0.0-alpha.11 the same files) and ../shared/reference/winsw.md, not from svcgen's
// emitter. Parsing is fast-xml-parser's; on top of it this models what .NET's XmlDocument and WinSW add:
//
// - XmlDocument (PreserveWhitespace false) drops text nodes that are only whitespace; InnerText is every
//   descendant text node joined; nothing is trimmed. XmlDocument.Load(file) reads through XmlTextReader,
//   whose v1-compatible mode counts a decimal character reference (&#32;, not &#x20;) as text even when it
//   stands for whitespace (XmlTextReaderImpl.ParseText), so such a node is kept.
// - v2 finds each element with the XPath //name (first in document order, anywhere); v3 only among the
//   direct children of the <service> root, which must exist.
// - Most values go through Environment.ExpandEnvironmentVariables (Win32 ExpandEnvironmentStrings).
// - <env> entries are applied in order with Environment.SetEnvironmentVariable (an empty value deletes).
// - Time spans: trimmed, first suffix of ms, sec, secs, min, mins, hr, hrs, hour, hours, day, days the text
//   ends with, int.Parse of the rest (32-bit), a bare number is milliseconds.
// - v2 (2.8+) replaces every \s*[\n\r]+\s* in the start arguments with one space.

import { XMLParser } from "fast-xml-parser";
import { decodeWinswTimeSpan, dotnetBoolParse, dotnetIntParse } from "../decoders/winsw-values.js";
import { expandWindows } from "../decoders/windows-expand.js";

export type Version = 2 | 3;

interface El {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = El | { text: string };
const isEl = (n: Node): n is El => "name" in n;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Needed for numeric character references (&#10;, &#13;); svcgen writes no named HTML entities.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown>;
function build(items: Raw[]): Node[] {
  const out: Node[] = [];
  for (const item of items) {
    if ("#text" in item) {
      const t = String(item["#text"]);
      // XmlDocument without PreserveWhitespace keeps no whitespace-only text node.
      if (!/^[ \t\r\n]*$/.test(t)) out.push({ text: t });
      continue;
    }
    if ("#comment" in item) continue;
    const name = Object.keys(item).find((k) => k !== ":@")!;
    out.push({ name, attrs: (item[":@"] as Record<string, string>) ?? {}, children: build(item[name] as Raw[]) });
  }
  return out;
}

// Decimal references to whitespace stand in as private-use characters while fast-xml-parser parses, so
// that the whitespace test above sees them as text; they are turned back afterwards.
const DECIMAL_WS = /&#0*(9|10|13|32);/g;
const STAND_IN: Record<string, string> = { "9": "\uE009", "10": "\uE00A", "13": "\uE00D", "32": "\uE020" };
const restore = (s: string): string => s.replace(/[\uE009\uE00A\uE00D\uE020]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));

function restoreAll(nodes: Node[]): Node[] {
  return nodes.map((n) => (isEl(n) ? { name: n.name, attrs: Object.fromEntries(Object.entries(n.attrs).map(([k, v]) => [k, restore(v)])), children: restoreAll(n.children) } : { text: restore(n.text) }));
}

export function parseDocument(xml: string): El[] {
  if (/[\uE009\uE00A\uE00D\uE020]/.test(xml)) throw new Error("test reader: the document uses its stand-in characters");
  const marked = xml.replace(DECIMAL_WS, (_, n: string) => STAND_IN[n]!);
  return restoreAll(build(parser.parse(marked) as Raw[])).filter(isEl);
}

export function innerText(e: El): string {
  return e.children.map((c) => (isEl(c) ? innerText(c) : c.text)).join("");
}

function* descendants(nodes: Node[]): Generator<El> {
  for (const n of nodes) {
    if (!isEl(n)) continue;
    yield n;
    yield* descendants(n.children);
  }
}

export type Env = Map<string, string>; // keys upper-cased: Windows names are case-insensitive

/** ExpandEnvironmentStrings as Windows' ntdll scans it (test/decoders/windows-expand.ts), with real values. */
export function expand(s: string, env: Env): string {
  return expandWindows(s, (name) => env.has(name.toUpperCase()), "ntdll", (name) => env.get(name.toUpperCase())!);
}

// WinSW's value parsers (.NET int.Parse / bool.Parse / ConfigHelper.ParseTimeSpan) live in one place,
// shared with the property tests.
export const parseTimeSpan = decodeWinswTimeSpan;
const intParse = dotnetIntParse;
const boolParse = dotnetBoolParse;

const enumParse = (s: string, names: readonly string[]): string => {
  const t = s.trim();
  const hit = names.find((n) => n.toLowerCase() === t.toLowerCase());
  if (!hit) throw new Error(`Enum.Parse: ${JSON.stringify(s)}`);
  return hit;
};
const START_MODES = ["Boot", "System", "Automatic", "Manual", "Disabled"] as const;
const PRIORITIES = ["Idle", "BelowNormal", "Normal", "AboveNormal", "High", "RealTime"] as const;

export interface FailureAction {
  action: "restart" | "reboot" | "none";
  delayMs: number;
}

export interface WinswConfig {
  id: string;
  displayName: string;
  description: string;
  executable: string;
  /** The start argument line after expansion (and v2's newline flattening). */
  arguments: string;
  workingDirectory?: string;
  /** In document order, each value expanded when it was applied. */
  env: [string, string][];
  /** The environment after WinSW applied everything (what later expansions and the child see). */
  finalEnv: Env;
  startMode: string;
  delayedAutoStart: boolean;
  depend: string[];
  /** The account CreateService gets (undefined: LocalSystem), how v3 asks for a password, v2's logon right. */
  account?: { name: string; password?: string; prompt?: string; allowServiceLogon: boolean };
  failureActions: FailureAction[];
  resetFailureMs: number;
  stopTimeoutMs: number;
  log: { directory?: string; name?: string; mode: string; sizeThresholdBytes?: number; keepFiles?: number };
  priority: string;
  hooks: Record<string, { executable: string; arguments?: string }>;
}

/**
 * Every value WinSW takes from the file, for a machine environment `machine` (the variables the service
 * process starts with). WinSW's own variables (BASE, SERVICE_ID, ...) are added as WinSW does.
 */
export function readWinsw(xml: string, version: Version, machine: Env, exeDir = "C:\\svc"): WinswConfig {
  const roots = parseDocument(xml);
  if (roots.length !== 1) throw new Error("not one root element");
  const root = roots[0]!;
  if (version === 3 && root.name !== "service") throw new Error("<service> is missing in configuration XML");
  const find = (name: string): El | undefined => {
    if (version === 3) return root.children.find((c): c is El => isEl(c) && c.name === name);
    for (const e of descendants([root])) if (e.name === name) return e;
    return undefined;
  };
  const findAll = (name: string): El[] =>
    version === 3 ? root.children.filter((c): c is El => isEl(c) && c.name === name) : [...descendants([root])].filter((e) => e.name === name);

  const env: Env = new Map(machine);
  const text = (name: string): string | undefined => {
    const e = find(name);
    return e ? expand(innerText(e), env) : undefined;
  };
  const required = (name: string): string => {
    const v = text(name);
    if (v === undefined) throw new Error(`<${name}> is missing in configuration XML`);
    return v;
  };

  const id = required("id");
  env.set("BASE", exeDir);
  env.set("SERVICE_ID", id);
  env.set("WINSW_EXECUTABLE", `${exeDir}\\${id}.exe`);
  env.set("WINSW_SERVICE_ID", id);

  const envList: [string, string][] = [];
  for (const e of findAll("env")) {
    const name = e.attrs.name;
    const raw = e.attrs.value;
    if (name === undefined || raw === undefined) throw new Error("'name' or 'value' is missing");
    const value = expand(raw, env);
    envList.push([name, value]);
    if (value === "") env.delete(name.toUpperCase());
    else env.set(name.toUpperCase(), value);
  }

  const displayName = version === 2 ? required("name") : (text("name") ?? "");
  const description = version === 2 ? required("description") : (text("description") ?? "");
  let args = text("arguments") ?? "";
  // WinSW 2 (XmlServiceConfig.Arguments, ../shared/reference/winsw.md §1.1): when <argument> elements exist,
  // <arguments> is ignored and each <argument>, expanded, is appended after a space, wrapped in quotes when it
  // holds a space and is not quoted already.
  const argumentList = version === 2 ? findAll("argument") : [];
  if (argumentList.length > 0) {
    args = argumentList
      .map((e) => {
        const v = expand(innerText(e), env);
        return v.includes(" ") && !(v.startsWith('"') && v.endsWith('"')) ? `"${v}"` : v;
      })
      .join(" ");
  }
  if (version === 2) args = args.replace(/\s*[\n\r]+\s*/g, " ");

  const startModeText = text("startmode");
  const delayed = find("delayedAutoStart");
  const serviceAccount = find("serviceaccount");
  let account: WinswConfig["account"];
  if (serviceAccount) {
    const part = (n: string) => {
      const c = serviceAccount.children.find((x): x is El => isEl(x) && x.name === n);
      return c ? innerText(c) : undefined;
    };
    const logon = part("allowservicelogon");
    const allowServiceLogon = logon !== undefined && /^\s*true\s*$/i.test(logon);
    if (version === 2) {
      const user = part("user");
      if (user) account = { name: `${part("domain") ?? "."}\\${user}`, password: part("password"), allowServiceLogon };
    } else {
      const username = part("username");
      if (username !== undefined) account = { name: username, password: part("password"), prompt: part("prompt")?.toLowerCase(), allowServiceLogon };
    }
  }

  const failureActions = findAll("onfailure").map((e): FailureAction => {
    const action = e.attrs.action;
    if (action !== "restart" && action !== "reboot" && action !== "none") throw new Error(`Invalid failure action: ${action}`);
    return { action, delayMs: e.attrs.delay === undefined ? 0 : parseTimeSpan(e.attrs.delay) };
  });
  const span = (name: string, dflt: number) => {
    const v = text(name);
    return v === undefined ? dflt : parseTimeSpan(v);
  };

  const logEl = find("log");
  const logChild = (n: string) => {
    const c = logEl?.children.find((x): x is El => isEl(x) && x.name === n);
    return c ? intParse(innerText(c)) : undefined;
  };
  const mode = logEl ? (logEl.attrs.mode ?? "") : "append";
  if (!["append", "reset", "none", "roll", "rotate", "roll-by-size", "roll-by-time", "roll-by-size-time"].includes(mode)) {
    throw new Error(`Undefined logging mode: ${mode}`);
  }
  const log: WinswConfig["log"] = { directory: text("logpath"), name: text("logname"), mode };
  if (mode === "roll-by-size") {
    log.sizeThresholdBytes = (logChild("sizeThreshold") ?? 10 * 1024) * 1024;
    log.keepFiles = logChild("keepFiles") ?? 8;
  }

  const hooks: WinswConfig["hooks"] = {};
  if (version === 3) {
    for (const tag of ["prestart", "poststart", "prestop", "poststop"]) {
      const h = find(tag);
      if (!h) continue;
      const part = (n: string) => {
        const c = h.children.find((x): x is El => isEl(x) && x.name === n);
        return c ? expand(innerText(c), env) : undefined;
      };
      const executable = part("executable");
      if (executable !== undefined) hooks[tag] = { executable, arguments: part("arguments") };
    }
  }

  const workingDirectory = text("workingdirectory");
  const priorityText = text("priority");
  return {
    id,
    displayName,
    description,
    executable: required("executable"),
    arguments: args,
    workingDirectory: workingDirectory === "" ? undefined : workingDirectory,
    env: envList,
    finalEnv: env,
    startMode: startModeText === undefined ? "Automatic" : enumParse(startModeText, START_MODES),
    // v2: presence alone; v3: bool.Parse of the text.
    delayedAutoStart: delayed === undefined ? false : version === 2 ? true : boolParse(innerText(delayed)),
    depend: findAll("depend").map(innerText),
    account,
    failureActions,
    resetFailureMs: span("resetfailure", 86_400_000),
    stopTimeoutMs: span("stoptimeout", 15_000),
    log,
    priority: priorityText === undefined ? "Normal" : enumParse(priorityText, PRIORITIES),
    hooks,
  };
}
