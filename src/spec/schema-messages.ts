import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { closest } from "./did-you-mean.js";
import { EMPTY_HINT, locate, type LoadedSpec } from "./load.js";
import { segment, segments } from "./pointer.js";
import {
  accountEntries,
  accountSuggestion,
  DURATION_FORM,
  DURATION_PATTERN,
  durationSuggestion,
  enumSuggestion,
  passwordVariable,
  shapeSuggestion,
  SIZE_FORM,
  SIZE_PATTERN,
  sizeSuggestion,
  yamlMap,
} from "./value-hints.js";
import { schema } from "./schema-validator.generated.js";
import { yamlString } from "../import/yaml-text.js";

// The schema validator's errors in the words of a spec's author, at the exact YAML node, with a hint that
// leads to a value that passes. Loaded only when a spec has a schema error (validate-schema.ts), so none
// of this is on the start-up path of a valid spec. One case per keyword the schema uses; each has a
// test in test/spec/messages.test.ts, and every suggested value one in test/spec/hints.test.ts.

export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** The spec field a JSON pointer names, as users write it: `/linux/restart/delay` -> `linux.restart.delay`. */
export function fieldName(ptr: string): string {
  if (ptr === "") return "the spec";
  return segments(ptr).reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "");
}

const lastSegment = (ptr: string): string => segments(ptr).pop() ?? "";
const parentSegment = (ptr: string): string => segments(ptr).slice(-2, -1)[0] ?? "";

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "map";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  object: "a map",
  array: "a list",
};

function valueAt(data: unknown, ptr: string): unknown {
  let cur = data;
  for (const seg of segments(ptr)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));
const inline = (s: string): string => `\`${s}\``;

// The schema as the generated validator holds it (descriptions stripped; every key, $ref, pattern and
// branch kept): walked only when there is an error to explain, and without reading schema/ from disk
// (the playground runs this in a browser).
type SchemaNode = Record<string, unknown>;
const schemaRoot = schema as SchemaNode;

const isNode = (v: unknown): v is SchemaNode => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The schema node that applies to the value at `ptr`: found by walking the document (properties, items,
 * additionalProperties, $ref, and for a oneOf the branch for the value's type), not from an error's
 * schemaPath, which the generated validator gives relative to the $ref it was raised in.
 */
function schemaForValue(data: unknown, ptr: string): SchemaNode | undefined {
  const root = schemaRoot;
  const resolve = (node: unknown): SchemaNode | undefined => {
    let cur = node;
    for (let hops = 0; isNode(cur) && typeof cur.$ref === "string" && hops < 16; hops++) {
      let target: unknown = root;
      for (const seg of segments(cur.$ref.replace(/^#/, ""))) target = isNode(target) ? target[seg] : undefined;
      cur = target;
    }
    return isNode(cur) ? cur : undefined;
  };
  const branch = (node: SchemaNode | undefined, value: unknown): SchemaNode | undefined => {
    if (!node || !Array.isArray(node.oneOf)) return node;
    const want = jsonType(value) === "map" ? "object" : jsonType(value) === "list" ? "array" : undefined;
    return resolve((node.oneOf as unknown[]).map(resolve).find((b) => b && (b.type === want || (want === "object" && isNode(b.properties)))));
  };
  let node = branch(resolve(root), data);
  let value = data;
  for (const seg of segments(ptr)) {
    if (!node) return undefined;
    const props = isNode(node.properties) ? node.properties : {};
    const next = Object.hasOwn(props, seg) ? props[seg] : node.items ?? (isNode(node.additionalProperties) ? node.additionalProperties : undefined);
    value = isNode(value) || Array.isArray(value) ? (value as Record<string, unknown>)[seg] : undefined;
    node = branch(resolve(next), value);
  }
  return node;
}

/** A section whose fields are all top-level fields ($refs to #/properties/...): windows:, linux:, ... */
const isPlatformSection = (node: SchemaNode | undefined): boolean =>
  isNode(node?.properties) && Object.values(node.properties).every((p) => isNode(p) && typeof p.$ref === "string" && p.$ref.startsWith("#/properties/"));

/** Which pattern failed, in the user's words, with a code per kind of value. */
function patternDiagnostic(ptr: string, value: string, pattern: string): { code: string; message: string; hint?: string } {
  const field = fieldName(ptr);
  if (pattern === DURATION_PATTERN) {
    const s = durationSuggestion(value);
    return { code: "SVC1203", message: `${field} ${show(value)} is not a duration${s ? ` (try "${s}")` : ""}`, hint: DURATION_FORM };
  }
  if (pattern === SIZE_PATTERN) {
    const s = sizeSuggestion(value);
    return { code: "SVC1204", message: `${field} ${show(value)} is not a size${s ? ` (try "${s}")` : ""}`, hint: SIZE_FORM };
  }
  const last = lastSegment(ptr);
  if (ptr === "/name") {
    const fixed = value.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 64);
    return {
      code: "SVC1201",
      message: `name ${show(value)} is not a valid service name${fixed ? ` (try "${fixed}")` : ""}`,
      hint: "letters, digits, _ . - only, starting with a letter or digit, at most 64 characters (it is both a Windows service name and a systemd unit name); displayName takes any text",
    };
  }
  if (last === "fromEnv") {
    return { code: "SVC1206", message: `${field} ${show(value)} is not an environment variable name`, hint: "letters, digits and _, not starting with a digit: the name of the variable, not its value" };
  }
  if (/\/dependsOn\/\d+$/.test(ptr)) {
    return { code: "SVC1207", message: `${field} ${show(value)} is not a service name`, hint: "a Windows service name or a systemd unit name: letters, digits, _ . @ : - (one list item per service)" };
  }
  if (last === "stdout" || last === "stderr") {
    const base = value.split(/[\\/]/).pop();
    return { code: "SVC1208", message: `${field} ${show(value)} must be a file name, not a path${base ? ` (try "${base}")` : ""}`, hint: "put the directory in logs.directory" };
  }
  if (last === "wantedBy") {
    return { code: "SVC1209", message: `${field} ${show(value)} is not a systemd target name${/^[A-Za-z0-9][A-Za-z0-9_.@:-]*$/.test(value) ? ` (try "${value}.target")` : ""}`, hint: "a target unit name such as multi-user.target" };
  }
  return { code: "SVC1209", message: `${field} ${show(value)} is not in the expected form`, hint: "`svcgen schema` shows the form each field takes" };
}

// Keys other tools (systemd, WinSW, nssm, docker-compose, pm2) use for a spec field, by the parent
// the field is in ("" is the top level), squashed (lower case, no - or _).
const KEY_SYNONYMS: Record<string, Record<string, string>> = {
  "": {
    command: "executable", cmd: "executable", exec: "executable", execstart: "executable", program: "executable", path: "executable", binary: "executable", exe: "executable", application: "executable",
    arguments: "args", argv: "args", arg: "args", params: "args", parameters: "args", appparameters: "args",
    cwd: "workingDirectory", workdir: "workingDirectory", workingdir: "workingDirectory", startdirectory: "workingDirectory", appdirectory: "workingDirectory",
    env: "environment", envs: "environment", environmentvariables: "environment", variables: "environment", vars: "environment",
    runas: "account", serviceaccount: "account", obj: "account", serviceuser: "account",
    dependencies: "dependsOn", depends: "dependsOn", requires: "dependsOn", after: "dependsOn", depend: "dependsOn",
    starttype: "startup", start: "startup", startmode: "startup", autostart: "startup",
    desc: "description", title: "displayName",
    log: "logs", logging: "logs", logpath: "logs", logdir: "logs", logdirectory: "logs",
    restartpolicy: "restart", onfailure: "restart",
    nice: "priority", target: "targets",
  },
  restart: {
    restartsec: "delay", sec: "delay", wait: "delay", interval: "delay", backoff: "delay", delaysec: "delay",
    retries: "maxRetries", retry: "maxRetries", attempts: "maxRetries", maxattempts: "maxRetries", limit: "maxRetries", burst: "maxRetries", startlimitburst: "maxRetries", maxrestarts: "maxRetries",
    period: "window", startlimitintervalsec: "window", intervalsec: "window",
    reset: "resetAfter", resetperiod: "resetAfter", resetfailurecountafter: "resetAfter",
    on: "policy", when: "policy", mode: "policy", type: "policy",
  },
  stop: { timeoutsec: "timeout", timeoutstopsec: "timeout", killtimeout: "timeout", grace: "timeout", graceperiod: "timeout", stoptimeout: "timeout", wait: "timeout", killsignal: "signal", sig: "signal" },
  logs: { dir: "directory", path: "directory", folder: "directory", logdir: "directory", out: "stdout", err: "stderr", rotation: "rotate", rollover: "rotate", roll: "rotate", mode: "append" },
  rotate: { size: "maxSize", max: "maxSize", limit: "maxSize", maxfilesize: "maxSize", sizethreshold: "maxSize", count: "keep", files: "keep", retain: "keep", backups: "keep", keepfiles: "keep" },
  account: { username: "user", name: "user", login: "user", pass: "password", pwd: "password", passwd: "password" },
  password: { env: "fromEnv", var: "fromEnv", variable: "fromEnv", envvar: "fromEnv", fromenvironment: "fromEnv", environment: "fromEnv" },
  hooks: { before: "preStart", pre: "preStart", beforestart: "preStart", onstart: "preStart", prestartcommand: "preStart", after: "postStop", post: "postStop", afterstop: "postStop", onstop: "postStop", poststopcommand: "postStop" },
  preStart: { command: "executable", path: "executable", exe: "executable", program: "executable", arguments: "args", argv: "args" },
  postStop: { command: "executable", path: "executable", exe: "executable", program: "executable", arguments: "args", argv: "args" },
};

// Keys written one level too high or too low, by the parent they were found in: where they belong.
const MISPLACED: Record<string, Record<string, string>> = {
  "": {
    policy: "restart.policy", delay: "restart.delay", maxRetries: "restart.maxRetries", window: "restart.window", resetAfter: "restart.resetAfter",
    timeout: "stop.timeout", signal: "stop.signal",
    directory: "logs.directory", stdout: "logs.stdout", stderr: "logs.stderr", append: "logs.append", rotate: "logs.rotate", maxSize: "logs.rotate.maxSize",
    user: "account.user", group: "account.group",
    preStart: "hooks.preStart", postStop: "hooks.postStop",
  },
  logs: { maxSize: "rotate.maxSize", keep: "rotate.keep" },
  account: { fromEnv: "password.fromEnv" },
};

const squashKey = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, "");

/**
 * A key written at the wrong level, as it must be where it belongs (`stop: { timeout: 30s }`), starting
 * below the deepest part of that place the spec already has (`into`), and with what a map created
 * there needs besides (a logs map its directory, a rotate map its size): so that the move passes.
 */
function moved(home: string, value: unknown, sectionPtr: string, data: unknown): { into: string; yaml: string } {
  const parts = home.split(".");
  let at = 0;
  let cur = valueAt(data, sectionPtr);
  while (at < parts.length - 1 && isNode(cur) && isNode(cur[parts[at]!])) cur = cur[parts[at++]!];
  const into = parts.slice(0, at).join(".");
  const leafKey = parts[parts.length - 1]!;
  let leaf: string;
  // The value as it must be there: a hook is a map with its program, a Windows user needs a password.
  if (typeof value === "string" && (leafKey === "preStart" || leafKey === "postStop")) leaf = yamlMap([["executable", yamlString(value, true)]]);
  else leaf = typeof value === "string" ? yamlString(value, true) : JSON.stringify(value) ?? "...";
  const fill = (map: string, inner: [string, string]): [string, string][] => {
    if (map === "logs" && inner[0] !== "directory") return [["directory", logDirectory(data) ?? "<absolute path>"], inner];
    if (map === "rotate" && inner[0] !== "maxSize") return [["maxSize", "10MiB"], inner];
    if (map === "account" && inner[0] === "user" && typeof value === "string") return accountEntries(value, data);
    return [inner];
  };
  let entry: [string, string] = [leafKey, leaf];
  for (let i = parts.length - 2; i >= at; i--) entry = [parts[i]!, yamlMap(fill(parts[i]!, entry))];
  return { into, yaml: `${entry[0]}: ${entry[1]}` };
}

/** A log directory to suggest: beside a Windows program, or /var/log/<name> for a Linux one. */
function logDirectory(data: unknown): string | undefined {
  const d = isNode(data) ? data : {};
  const exe = typeof d.executable === "string" ? d.executable : undefined;
  if (exe && /^[A-Za-z]:\\/.test(exe)) return yamlString(`${exe.slice(0, exe.lastIndexOf("\\"))}\\logs`, true);
  if (exe?.startsWith("/")) return yamlString(`/var/log/${typeof d.name === "string" ? d.name : "service"}`, true);
  return undefined;
}

/** The top level is not a map: an empty document, a list of services, one value. */
function topLevel(value: unknown): { code: string; message: string; hint: string } {
  if (value === null) return { code: "SVC1001", message: "the spec is empty", hint: EMPTY_HINT };
  if (Array.isArray(value)) {
    const services = value.length > 0 && value.every((v) => isNode(v));
    return {
      code: "SVC1103",
      message: `the spec is a list (of ${value.length} item${value.length === 1 ? "" : "s"}); a spec is a map of keys: version, name, executable, ...`,
      hint: services ? 'one spec describes one service: write its keys without the leading "- " (and each further service in a spec file of its own)' : EMPTY_HINT,
    };
  }
  const shown = show(value);
  return {
    code: "SVC1103",
    message: `the spec is a single value (${shown.length > 40 ? `${shown.slice(0, 37)}..."` : shown}), not a map of keys`,
    hint: typeof value === "string" && /^[A-Za-z]+ \S/.test(value) ? `each line is a key, a colon, a space and its value: ${inline("version: 1")}, ${inline("name: orders")}` : EMPTY_HINT,
  };
}

function requiredHint(ptr: string, key: string, spec: LoadedSpec): string | undefined {
  const data = spec.data;
  switch (key) {
    case "version":
      return `add ${inline("version: 1")} (the spec format's version)`;
    case "name": {
      const base = spec.file.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_.-]+/g, "-");
      return `add the service's name${/^[A-Za-z0-9]/.test(base) && !/^service$/i.test(base) ? `, such as ${inline(`name: ${base}`)}` : ""}: the Windows service name and the systemd unit name`;
    }
    case "fromEnv":
      return `add the variable that holds the password when the install step runs: ${inline(`fromEnv: ${passwordVariable(data)}`)}`;
    case "user":
      return ptr.endsWith("/account") ? "a user account names its user (`user: DOMAIN\\user`), or account is a built-in account: local-system, local-service, network-service, virtual" : undefined;
    case "directory":
      return "the directory the log files go to: `directory: <absolute path>`";
    case "executable":
      return "the program a hook runs: `executable: <absolute path>`";
  }
  return undefined;
}

/** Explains the generated validator's errors (validate-schema.ts calls this when there are any). */
export async function describeSchemaErrors(spec: LoadedSpec, errors: readonly AjvError[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (ptr: string, key: boolean, code: string, message: string, hint?: string) => {
    const id = `${ptr}|${code}|${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(diag(locate(spec, ptr, key), "error", code, message, hint));
  };

  // oneOf: keep only the branch whose type matches the value (a string account is judged against the
  // list of built-ins, a map against the user form), so users see one relevant message, not three. A
  // branch's errors are matched to their oneOf by the value they are about (schema paths are relative
  // to the $ref they were raised in).
  const oneOfFailures = errors.filter((e) => e.keyword === "oneOf");
  const isAccount = (o: AjvError) => /\/account$/.test(o.instancePath);
  const relevant = errors.filter((e) => {
    if (e.keyword === "oneOf") return false;
    const m = e.schemaPath.match(/\/oneOf\/(\d+)\//);
    if (!m) return true;
    const parent = oneOfFailures
      .filter((o) => e.instancePath === o.instancePath || e.instancePath.startsWith(`${o.instancePath}/`))
      .sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    if (!parent) return true;
    const v = valueAt(spec.data, parent.instancePath);
    const branchTypes = isAccount(parent) ? (m[1] === "0" ? ["string"] : ["map"]) : m[1] === "0" ? ["string"] : ["list"];
    return branchTypes.includes(jsonType(v));
  });
  for (const o of oneOfFailures) {
    if (!relevant.some((e) => e.instancePath.startsWith(o.instancePath))) {
      const v = valueAt(spec.data, o.instancePath);
      push(
        o.instancePath,
        false,
        "SVC1103",
        isAccount(o)
          ? `${fieldName(o.instancePath)} must be a built-in account name or a map with user, not ${jsonType(v)}`
          : `${fieldName(o.instancePath)} must be a string or a list of strings, not ${jsonType(v)}`,
        isAccount(o) ? "a built-in account (`account: local-service`) or a user (`account: { user: DOMAIN\\user, password: { fromEnv: VARIABLE } }`)" : undefined,
      );
    }
  }

  for (const e of relevant) {
    const ptr = e.instancePath;
    const field = fieldName(ptr);
    const value = valueAt(spec.data, ptr);
    switch (e.keyword) {
      case "additionalProperties": {
        const key = String(e.params.additionalProperty);
        const keyPtr = ptr + segment(key);
        const parent = schemaForValue(spec.data, ptr);
        const allowed = Object.keys((parent?.properties as Record<string, unknown>) ?? {});
        const rootKeys = Object.keys(schemaRoot.properties as SchemaNode);
        // A platform section (windows:, linux:, ...) holds top-level fields: its keys are the top level's.
        const platform = segments(ptr).length === 1 && isPlatformSection(parent);
        const parentKey = ptr === "" || platform ? "" : lastSegment(ptr);
        const synonym = KEY_SYNONYMS[parentKey]?.[squashKey(key)];
        // A key spelled another way or named as another tool names it; else one that belongs a level
        // up or down (top-level `timeout` is stop.timeout); else a typo of a key allowed here.
        const named = allowed.find((k) => squashKey(k) === squashKey(key)) ?? (synonym && allowed.includes(synonym) ? synonym : undefined);
        const where = ptr === "" ? "" : ` in ${field}`;
        const home = named ? undefined : MISPLACED[parentKey]?.[key];
        const guess = named ?? (home ? undefined : closest(key, allowed));
        if (platform && rootKeys.includes(key)) {
          push(keyPtr, true, "SVC1101", `${key} cannot be set per platform`, `move ${key} to the top level`);
        } else if (key === "password" && ptr === "") {
          push(keyPtr, true, "SVC2003", "a password must not be written in a spec", `use ${inline(`account: { user: ..., password: { fromEnv: ${passwordVariable(spec.data)} } }`)}; the install step reads the variable then`);
        } else if (home) {
          const m = moved(home, valueAt(spec.data, keyPtr), ptr, spec.data);
          push(keyPtr, true, "SVC1101", `unknown key "${key}"${where} (it belongs in ${home.split(".").slice(0, -1).join(".")})`, `move it${m.into ? ` into ${m.into}` : ""}: ${inline(m.yaml)}`);
        } else {
          push(keyPtr, true, "SVC1101", `unknown key "${key}"${where}${guess ? ` (did you mean "${guess}"?)` : ""}`, guess ? undefined : `allowed here: ${allowed.join(", ")}`);
        }
        break;
      }
      case "required": {
        const key = String(e.params.missingProperty);
        push(ptr, false, "SVC1102", `${ptr === "" ? "the spec" : field} is missing required key "${key}"`, requiredHint(ptr, key, spec));
        break;
      }
      case "type": {
        if (ptr === "") {
          const t = topLevel(value);
          push(ptr, false, t.code, t.message, t.hint);
          break;
        }
        const key = lastSegment(ptr);
        const parentKey = parentSegment(ptr);
        const want = String(e.params.type);
        if (key === "password" && parentKey === "account" && typeof value === "string" && !/^(?:\$\{?|%|env:)?[A-Z][A-Z0-9_]*(?:\}|%)?$/.test(value.trim())) {
          push(ptr, false, "SVC2003", "a password must not be written in a spec", `write ${inline(`password: { fromEnv: ${passwordVariable(spec.data)} }`)}: the install step reads the variable, and no file svcgen writes contains it`);
          break;
        }
        // A duration or size given as a bare number: it needs a unit, not quotes.
        const node = want === "string" ? schemaForValue(spec.data, ptr) : undefined;
        if (node?.pattern === DURATION_PATTERN && typeof value === "number") {
          const s = durationSuggestion(value);
          push(ptr, false, "SVC1203", `${field} ${show(value)} is not a duration: it has no unit${s ? ` (try "${s}")` : ""}`, DURATION_FORM);
          break;
        }
        if (node?.pattern === SIZE_PATTERN && typeof value === "number") {
          const s = sizeSuggestion(value);
          push(ptr, false, "SVC1204", `${field} ${show(value)} is not a size: it has no unit${s ? ` (try "${s}")` : ""}`, SIZE_FORM);
          break;
        }
        const words = want.split(",").map((t) => TYPE_WORDS[t] ?? t).join(" or ");
        const shape = shapeSuggestion(key, parentKey, value, want.split(",")[0]!, spec.data);
        push(ptr, false, "SVC1103", `${field} must be ${words}, not ${jsonType(value)}`, shape?.hint);
        break;
      }
      case "const":
        if (ptr === "/version") {
          if (String(value).trim() === "1") push(ptr, false, "SVC1100", `version must be the number 1, not the ${jsonType(value)} ${show(value)}`, `write ${inline("version: 1")}, without quotes`);
          else push(ptr, false, "SVC1100", `spec version ${show(value)} is not supported; this svcgen reads version 1`, `write ${inline("version: 1")}`);
        } else push(ptr, false, "SVC1104", `${field} must be ${show(e.params.allowedValue)}`);
        break;
      case "enum": {
        const allowed = Array.isArray(e.params.allowedValues) ? (e.params.allowedValues as unknown[]) : [];
        const list = allowed.map((v) => String(v)).join(", ");
        const key = lastSegment(ptr);
        // A number where a quoted version belongs, or the reverse: the words are right, the type is not.
        const sameText = allowed.find((a) => String(a) === String(value).trim());
        if (sameText !== undefined) {
          push(
            ptr,
            false,
            "SVC1104",
            `${field} ${show(value)} must be ${typeof sameText === "string" ? "a string" : "a number"}: ${list}`,
            typeof sameText === "string" ? `quote it: ${inline(`${key}: ${JSON.stringify(sameText)}`)}` : `write it without quotes: ${inline(`${key}: ${String(sameText)}`)}`,
          );
          break;
        }
        if (/\/account$/.test(ptr) && typeof value === "string" && value.trim() !== "" && !enumSuggestion(value, allowed)) {
          push(ptr, false, "SVC1104", `${field} ${show(value)} is not a built-in account (${list})`, `for a user account, write a map: ${inline(`${key}: ${accountSuggestion(value, spec.data)}`)}`);
          break;
        }
        const guess = enumSuggestion(value, allowed);
        push(ptr, false, "SVC1104", `${field} ${show(value)} is not one of ${list}${guess ? ` (did you mean "${guess}"?)` : ""}`);
        break;
      }
      case "pattern": {
        if (typeof value !== "string") break;
        const p = patternDiagnostic(ptr, value, String(e.params.pattern));
        push(ptr, false, p.code, p.message, p.hint);
        break;
      }
      case "propertyNames": {
        const name = String(e.params.propertyName);
        const keyPtr = ptr + segment(name);
        if (/\/extra\//.test(ptr)) {
          push(keyPtr, true, "SVC1205", `${show(name)} is not a directive name`, "directives look like LimitNOFILE: a capital letter, then letters and digits");
        } else {
          const fixed = name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=\d)/, "_");
          push(keyPtr, true, "SVC1205", `${show(name)} is not a valid environment variable name (try "${fixed}")`, "letters, digits and _, not starting with a digit (the name must work on every target)");
        }
        break;
      }
      case "minimum":
      case "maximum":
        push(ptr, false, "SVC1105", `${field} is ${show(value)}; it must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(e.params.limit)}`, lastSegment(ptr) === "maxRetries" && value === 0 ? `to never restart, write ${inline("policy: never")} in restart instead` : undefined);
        break;
      case "minLength":
        push(ptr, false, "SVC1106", `${field} must not be empty`, "give it a value, or delete the key");
        break;
      case "uniqueItems":
        // ajv's j is the later of the two: the one to delete.
        push(`${ptr}/${String(e.params.j)}`, false, "SVC1107", `${field} lists ${show((value as unknown[])[Number(e.params.j)])} twice`, "delete one");
        break;
      case "minItems":
        push(ptr, false, "SVC1108", `${field} must not be empty`, lastSegment(ptr) === "targets" ? `list at least one target (${inline("targets: [systemd]")}), or delete the key and pass --target` : "list at least one item, or delete the key");
        break;
      default:
        // A keyword this version's wording does not know (a schema newer than this code): still the
        // field, and where to read what it takes.
        push(ptr, false, "SVC1199", `${field} does not meet the schema's "${e.keyword}" rule${e.message ? ` (${e.message})` : ""}`, "`svcgen schema` describes what each field takes");
    }
  }
  return out;
}

