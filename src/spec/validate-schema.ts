import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { locate, type LoadedSpec } from "./load.js";
import { segment, segments } from "./pointer.js";
import { closest } from "./did-you-mean.js";
import { schema, validate } from "./schema-validator.generated.js";

interface AjvError {
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

const lastSegment = (ptr: string): string => ptr.slice(ptr.lastIndexOf("/") + 1);

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

// The schema as the generated validator holds it (descriptions stripped; every key, $ref and branch
// kept): walked only when there is an error to explain (for did-you-mean lists).
type SchemaNode = Record<string, unknown>;
const schemaRoot = schema as SchemaNode;

const isNode = (v: unknown): v is SchemaNode => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The schema node that applies to the value at `ptr`: found by walking the document (properties, items,
 * additionalProperties, $ref, and for a oneOf the branch for the value's type), not from an error's
 * schemaPath, which the generated validator gives relative to the $ref it was raised in.
 */
function schemaForValue(data: unknown, ptr: string): SchemaNode | undefined {
  const resolve = (node: unknown): SchemaNode | undefined => {
    let cur = node;
    for (let hops = 0; isNode(cur) && typeof cur.$ref === "string" && hops < 16; hops++) {
      let target: unknown = schemaRoot;
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
  let node = branch(resolve(schemaRoot), data);
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

const DURATION_HINTS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^\s*(\d+)\s*(milliseconds?|msecs?)\s*$/i, (m) => `${m[1]}ms`],
  [/^\s*(\d+)\s*(seconds?|secs?|sec)\s*$/i, (m) => `${m[1]}s`],
  [/^\s*(\d+)\s*(minutes?|mins?|min)\s*$/i, (m) => `${m[1]}m`],
  [/^\s*(\d+)\s*(hours?|hrs?|hr)\s*$/i, (m) => `${m[1]}h`],
  [/^\s*(\d+)\s*(days?)\s*$/i, (m) => `${m[1]}d`],
  [/^\s*(\d+)\s*$/, (m) => `${m[1]}s`],
  [/^\s*(\d+)(\s*[a-z]+)(\s+\d+\s*[a-z]+)+\s*$/i, (m) => m[0].replace(/\s+/g, "")],
];

function durationHint(v: string): string {
  for (const [re, f] of DURATION_HINTS) {
    const m = v.match(re);
    if (m) return f(m);
  }
  return "10s";
}

const SIZE_HINT = (v: string): string => {
  const m = v.match(/^\s*(\d+)\s*([kmg])i?b?\s*$/i);
  return m ? `${m[1]}${m[2]!.toUpperCase()}iB` : "10MiB";
};

/** Which pattern failed, in the user's words, with a code per kind of value. */
function patternDiagnostic(ptr: string, value: string, schemaPath: string): { code: string; message: string; hint?: string } {
  const field = fieldName(ptr);
  if (schemaPath.includes("ms|s|m|h|d")) {
    return { code: "SVC1203", message: `${field} ${show(value)} is not a duration (try "${durationHint(value)}")`, hint: "a duration is numbers with units ms, s, m, h, d: 500ms, 10s, 1h30m" };
  }
  if (schemaPath.includes("KiB")) {
    return { code: "SVC1204", message: `${field} ${show(value)} is not a size (try "${SIZE_HINT(value)}")`, hint: "units B, KiB, MiB, GiB (1024-based) or KB, MB, GB (1000-based)" };
  }
  const last = lastSegment(ptr);
  if (ptr === "/name") {
    return { code: "SVC1201", message: `name ${show(value)} is not a valid service name`, hint: "letters, digits, _ . - only, starting with a letter or digit, at most 64 characters (it is both a Windows service name and a systemd unit name)" };
  }
  if (last === "fromEnv") {
    return { code: "SVC1206", message: `${field} ${show(value)} is not an environment variable name`, hint: "letters, digits and _, not starting with a digit" };
  }
  if (/\/dependsOn\/\d+$/.test(ptr)) {
    return { code: "SVC1207", message: `${field} ${show(value)} is not a service name`, hint: "a Windows service name or a systemd unit name: letters, digits, _ . @ : -" };
  }
  if (last === "stdout" || last === "stderr") {
    return { code: "SVC1208", message: `${field} ${show(value)} must be a file name, not a path`, hint: "put the directory in logs.directory" };
  }
  return { code: "SVC1209", message: `${field} ${show(value)} is not in the expected form` };
}

/** Validates against the JSON Schema and says what is wrong in plain words, at the exact YAML node. */
export async function validateAgainstSchema(spec: LoadedSpec): Promise<Diagnostic[]> {
  if (validate(spec.data)) return [];
  const errors = (validate as unknown as { errors: AjvError[] }).errors ?? [];
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
        const guess = closest(key, allowed);
        const where = ptr === "" ? "" : ` in ${field}`;
        if ((ptr === "/windows" || ptr === "/linux" || ptr === "/macos") && ["version", "name", "targets", "options", "windows", "linux", "macos"].includes(key)) {
          push(keyPtr, true, "SVC1101", `${key} cannot be set per platform`, `move ${key} to the top level`);
        } else if (key === "password" && ptr === "") {
          push(keyPtr, true, "SVC2003", "a password must not be written in a spec", "use account: { user: ..., password: { fromEnv: VARIABLE } }; the install step reads it then");
        } else {
          push(keyPtr, true, "SVC1101", `unknown key "${key}"${where}${guess ? ` (did you mean "${guess}"?)` : ""}`, guess ? undefined : `allowed here: ${allowed.join(", ")}`);
        }
        break;
      }
      case "required":
        push(ptr, false, "SVC1102", `${ptr === "" ? "the spec" : field} is missing required key "${String(e.params.missingProperty)}"`);
        break;
      case "type": {
        if (/\/account\/password$/.test(ptr)) {
          push(ptr, false, "SVC2003", "a password must not be written in a spec", "write password: { fromEnv: VARIABLE }: the install step reads the variable, and no file svcgen writes contains it");
          break;
        }
        const want = String(e.params.type).split(",").map((t) => TYPE_WORDS[t] ?? t).join(" or ");
        const quoteHint = typeof value === "number" || typeof value === "boolean" ? `quote it: "${String(value)}"` : undefined;
        push(ptr, false, "SVC1103", `${field} must be ${want}, not ${jsonType(value)}`, e.params.type === "string" ? quoteHint : undefined);
        break;
      }
      case "const":
        if (ptr === "/version") push(ptr, false, "SVC1100", `spec version ${show(value)} is not supported; this svcgen reads version 1`);
        else push(ptr, false, "SVC1104", `${field} must be ${show(e.params.allowedValue)}`);
        break;
      case "enum": {
        const allowed = e.params.allowedValues;
        const list = Array.isArray(allowed) ? allowed : [];
        const guess = typeof value === "string" ? closest(value, list.map(String)) : undefined;
        push(ptr, false, "SVC1104", `${field} ${show(value)} is not one of ${list.map((v) => String(v)).join(", ")}${guess ? ` (did you mean "${guess}"?)` : ""}`);
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
        if (/\/extra\//.test(ptr)) push(keyPtr, true, "SVC1205", `${show(name)} is not a directive name`, "directives look like LimitNOFILE");
        else push(keyPtr, true, "SVC1205", `${show(name)} is not a valid environment variable name`, "letters, digits and _, not starting with a digit (the name must work on every target)");
        break;
      }
      case "minimum":
      case "maximum":
        push(ptr, false, "SVC1105", `${field} is ${show(value)}; it must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(e.params.limit)}`);
        break;
      case "minLength":
        push(ptr, false, "SVC1106", `${field} must not be empty`);
        break;
      case "uniqueItems":
        push(`${ptr}/${String(e.params.i)}`, false, "SVC1107", `${field} lists ${show((value as unknown[])[Number(e.params.i)])} twice`);
        break;
      case "minItems":
        push(ptr, false, "SVC1108", `${field} must not be empty`);
        break;
      default:
        push(ptr, false, "SVC1199", `${field}: ${e.message ?? e.keyword}`);
    }
  }
  return out;
}
