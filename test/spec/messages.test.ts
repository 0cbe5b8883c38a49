import { LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { describeSchemaErrors } from "../../src/spec/schema-messages.js";
import { explainYamlError, YAML_RULES, YamlSource } from "../../src/spec/yaml-messages.js";

// Every message a user can see about a spec's form talks about the spec and what to do, never about the
// library that read it. One case per kind: what passes through from the `yaml` library (each rule of
// yaml-messages.ts), from the loader itself, from the top level's shape, and from the schema validator
// (each keyword schema-messages.ts words). Input, code, line:col, message, and a part of the hint.

const B = "version: 1\nname: orders\nexecutable: /opt/orders/orders\n";
type Case = [input: string, expected: string, hint?: string];

async function only(input: string | Uint8Array): Promise<{ line: string; hint?: string }> {
  const r = await compile(input, "orders.yaml", { targets: [] });
  expect(r.diagnostics, JSON.stringify(r.diagnostics, null, 1)).toHaveLength(1);
  const d = r.diagnostics[0]!;
  return { line: `${d.code}@${d.line}:${d.col} ${d.message}`, hint: d.hint };
}

const YAML: Case[] = [
  [B + "name: billing\n", 'SVC1002@4:1 duplicate key "name": a key may appear once in a map (it is also on line 2)', "delete the other"],
  [B + "---\n", 'SVC1008@4:1 the "---" line starts a second YAML document, with nothing in it', 'delete the "---" line'],
  [B + "---\nversion: 1\nname: billing\n", 'SVC1008@4:1 a second YAML document starts at this "---" line: a spec file holds one service', "a spec file of its own"],
  [B + "...\nstartup: auto\n", 'SVC1008@5:1 this text comes after the end of the spec (a "..." line above ends it)', 'delete the "..." line'],
  [B + "\tstartup: auto\n", "SVC1001@4:1 this line is indented with a tab; YAML indents with spaces only", "replace the tab with spaces"],
  [B + 'workingDirectory: "C:\\Program Files\\orders\\data"\n', 'SVC1001@4:36 \\o is not an escape sequence: in double quotes a backslash starts one (\\n, \\t, \\")', "`'C:\\Program Files\\orders\\data'`"],
  [B + 'workingDirectory: "C:\\orders\\"\nstartup: auto\n', 'SVC1001@4:22 \\o is not an escape sequence: in double quotes a backslash starts one (\\n, \\t, \\")', "`'C:\\orders\\'`"],
  [B + 'description: "Orders\n', 'SVC1001@4:14 this double-quoted value has no closing "', 'add the closing "'],
  [B + 'description: "C:\\\\logs\\"\nstartup: auto\n', 'SVC1001@4:14 this double-quoted value has no closing "', "a backslash before \" makes the quote part of the value"],
  [B + "description: 'Orders\n", "SVC1001@4:14 this single-quoted value has no closing '", "write '' for a '"],
  [B + 'description: "Orders"#main\n', "SVC1001@4:22 a comment (#) needs a space before it", "put a space before the #"],
  [B + "description: @orders\n", "SVC1001@4:14 a value cannot start with @ unless it is quoted", 'quote it: `description: "@orders"`'],
  [B + "workingDirectory: %ProgramData%\\orders\n", "SVC1001@4:19 a value cannot start with % unless it is quoted", "`workingDirectory: ${ProgramData}\\orders`"],
  [B + "startup: auto\n,\n", "SVC1001@5:1 a stray comma", "delete it"],
  [B + "environment: { A: 1 B: 2 }\n", "SVC1001@4:19 inside [ ] or { }, items are separated by commas, and a list item has no dash", "add the missing comma"],
  [B + "args: [a, - b]\n", "SVC1001@4:11 inside [ ] or { }, items are separated by commas, and a list item has no dash", "add the missing comma"],
  [B + "args: [a,, b]\n", "SVC1001@4:10 an empty item in this [ ] list: a comma with nothing before it", "delete the extra comma"],
  [B + "args: [--port, 8080\nstartup: auto\n", "SVC1001@4:7 this [ ] list has no closing ]", "close it with ]"],
  [B + "environment: { A: 1\nstartup: auto\n", "SVC1001@4:14 this { } map has no closing }", "close it with }"],
  ["args: [--port, 8080", "SVC1001@1:7 this [ ] list has no closing ]", "close it with ]"],
  [B + "restart:\n  policy: always\n delay: 1s\n", 'SVC1001@6:2 "delay" is indented 1 space, the keys above it 2: keys of one map start at the same column', 'indent it 2 spaces like "policy" to keep it in restart, or 0 like "restart"'],
  [B + "args:\n  - a\n - b\n", "SVC1001@6:2 this list item is not lined up with the items above it", 'start every "- "'],
  [B + "args:\n  - - a\n   - b\n", "SVC1001@6:4 this list item is not lined up with the items above it", 'start every "- "'],
  [B + "description: Orders: billing\n", 'SVC1001@4:14 the value of description contains ": ", which YAML reads as the start of another key', '`description: "Orders: billing"`'],
  [B + "restart: always\n  delay: 1s\n", 'SVC1001@5:3 this line is indented more than "restart" above it, which already has a value, so YAML reads it as part of that value', 'leave nothing after "restart:"'],
  [B + "startup:auto\n", 'SVC1001@4:1 "startup:auto" needs a space after the colon to be a key and its value', "`startup: auto`"],
  [B + "startup auto\n", "SVC1001@4:1 this line is not a key and its value: it has no colon", "`startup: auto`"],
  [B + "restart:\n  policy: always\n  - delay\n", 'SVC1001@6:3 a list item cannot follow "policy: always", which already has a value', 'leave nothing after its colon ("policy:")'],
  [B + "args: - --port\n", 'SVC1001@4:7 a list item ("- ") cannot start on the same line as its key', "`args: [--port]`"],
  [B + 'description: "Orders" API\n', "SVC1001@4:23 text after the closing quote of this value", "put the whole value inside the quotes"],
  [B + "args: [a] b\n", "SVC1001@4:11 text after the closing ]", "put it inside the [ ]"],
  [B + "startup: auto\n... x\n", 'SVC1001@5:5 text after "...", which ends the spec', 'delete the "..."'],
  ["  version: 1\nname: orders\n", "SVC1001@2:1 this line is indented less than the spec's first line (2 spaces)", "start every top-level key at the same column"],
  [B + "]\n", "SVC1001@4:1 this ] closes nothing: no [ is open here", "delete it"],
  [B + "description: |x\n  text\n", "SVC1001@4:15 after | or >, only + or -, a digit (the indentation) and a comment may follow on the same line", "start the text on the next line"],
  ["%YAML 1.2\n" + B, 'SVC1001@2:1 a "%" directive line must be followed by a "---" line', "delete the % line"],
  ["--- version: 1\n", 'SVC1001@1:5 a map or list cannot start on the "---" line', "put `version: 1` on the next line"],
  ["? &a - x\n", "SVC1001@1:3 an anchor (&name) or a tag (!tag) needs a space after it", "put a space after it"],
  ["%TAG !a!\n---\n" + B, 'SVC1001@1:1 this "%" line is not a valid YAML directive', "a spec needs no directive"],
  [B + "description: !e!x text\n", "SVC1007@4:14 YAML tag !e!x is not supported in a spec", "`!!str` is the one tag svcgen accepts"],
  [B + "description: !!str !!str text\n", "SVC1007@4:20 a value has two tags (!tag); svcgen accepts one, `!!str`", "delete them"],
  [B + "description: *\n", 'SVC1001@4:14 "*" starts an alias (*name), and no name follows it', 'quote the value if the * is part of it: `"*"`'],
  [B + "description: & text\n", 'SVC1001@4:14 "&" starts an anchor (&name), and no name follows it', "quote the value"],
  [B + "description: &a &b text\n", "SVC1001@4:17 a value has two anchors (&name); it can have one", "delete one"],
  [B + "description: &a *b\n", "SVC1001@4:17 an alias (*name) cannot have an anchor or tag of its own", "delete the & or !"],
  [B + "x".repeat(1030) + ": 1\n", "SVC1001@4:1 this key runs on for more than 1024 characters", 'look for a missing ": "'],
  [B + "args: " + "[".repeat(150) + "\n", "SVC1001@4:107 the spec nests [ ] and { } more than 100 deep here", "a spec nests a few levels deep"],
];

// Errors the `yaml` library raises that no spec input reaches any more (svcgen refuses deep nesting
// first), or only under options svcgen does not set: their rules are tested with the error itself.
const DIRECT: [code: string, message: string, expected: string][] = [
  ["RESOURCE_EXHAUSTION", "Maximum call stack size exceeded", "the spec nests lists and maps too deeply to be read"],
  ["BAD_PROP_ORDER", "Anchors and tags must be after the ? indicator", "an anchor or tag must come after the ?, not before it"],
  ["MISSING_CHAR", "Missing , between flow sequence items", "a comma is missing before this item of the [ ] list"],
  ["MISSING_CHAR", "Missing space after : in flow map", "a colon in { } needs a space after it"],
  ["UNEXPECTED_TOKEN", "Unexpected empty item in flow map", "an empty item in this { } map: a comma with nothing before it"],
  ["BAD_INDENT", "Block scalar values in collections must be indented", "the text of a | or > block must be indented more than its key"],
  ["UNEXPECTED_TOKEN", "Unexpected map-value-ind token in YAML stream", '"map-value-ind" is not expected here'],
  ["UNEXPECTED_TOKEN", "Unexpected doc-end without preceding document", 'a "..." line ends a document, but none has begun'],
  ["IMPOSSIBLE", "Map comment with trailing content", "svcgen cannot read this part of the spec as YAML (map comment with trailing content)"],
];

const LOADER: Case[] = [
  [B + "args: [*.log]\n", "SVC1003@4:8 *.log is read as an alias (*name), and no anchor &.log comes before it", '(`"*.log"`)'],
  [B + "1: x\n", "SVC1005@4:1 map keys must be strings, not 1", "quote the key"],
  [B + "__proto__: x\n", 'SVC1006@4:1 "__proto__" is not allowed as a key', "delete it"],
  [B + "description: !!binary aGk=\n", "SVC1007@4:23 YAML tag !!binary is not supported in a spec", "`!!str` is the one tag"],
  ["# " + "x".repeat(300 * 1024) + "\n", "SVC1004@1:1 the spec is 307203 bytes; svcgen reads specs up to 262144 bytes", "split it"],
];

const SHAPE: Case[] = [
  ["", "SVC1001@1:1 the spec is empty", "start with `version: 1`"],
  ["# comments only\n", "SVC1001@1:1 the spec is empty (it has only comments)", "start with `version: 1`"],
  ["~\n", "SVC1001@1:1 the spec is empty", "start with `version: 1`"],
  ["orders\n", 'SVC1103@1:1 the spec is a single value ("orders"), not a map of keys', "start with `version: 1`"],
  ["version 1\nname orders\n", 'SVC1103@1:1 the spec is a single value ("version 1 name orders"), not a map of keys', "each line is a key, a colon, a space and its value"],
  ["- name: a\n  version: 1\n- name: b\n", "SVC1103@1:1 the spec is a list (of 2 items); a spec is a map of keys: version, name, executable, ...", "one spec describes one service"],
  ["42\n", "SVC1103@1:1 the spec is a single value (42), not a map of keys", "start with `version: 1`"],
];

const SCHEMA: Case[] = [
  [B + "restat: { policy: always }\n", 'SVC1101@4:1 unknown key "restat" (did you mean "restart"?)'],
  [B + "command: /opt/x\n", 'SVC1101@4:1 unknown key "command" (did you mean "executable"?)'],
  [B + "working_directory: /opt/x\n", 'SVC1101@4:1 unknown key "working_directory" (did you mean "workingDirectory"?)'],
  [B + "restart: { retries: 3, window: 1m }\n", 'SVC1101@4:12 unknown key "retries" in restart (did you mean "maxRetries"?)'],
  [B + "timeout: 30s\n", 'SVC1101@4:1 unknown key "timeout" (it belongs in stop)', "move it: `stop: { timeout: 30s }`"],
  [B + "logs: { directory: /var/log/x, maxSize: 10MiB }\n", 'SVC1101@4:32 unknown key "maxSize" in logs (it belongs in rotate)', "move it: `rotate: { maxSize: 10MiB }`"],
  [B + "zzz: 1\n", 'SVC1101@4:1 unknown key "zzz"', "allowed here: version, name,"],
  [B + "linux: { name: other }\n", "SVC1101@4:10 name cannot be set per platform", "move name to the top level"],
  [B + "password: x\n", "SVC2003@4:1 a password must not be written in a spec", "password: { fromEnv: ORDERS_PASSWORD }"],
  ["name: orders\nexecutable: /x\n", 'SVC1102@1:1 the spec is missing required key "version"', "add `version: 1`"],
  ["version: 1\nexecutable: /x\n", 'SVC1102@1:1 the spec is missing required key "name"', "`name: orders`"],
  [B + "account: { group: g }\n", 'SVC1102@4:10 account is missing required key "user"', "local-system, local-service"],
  [B + "logs: { stdout: a.log }\n", 'SVC1102@4:7 logs is missing required key "directory"', "`directory: <absolute path>`"],
  [B + "hooks: { preStart: { args: [x] } }\n", 'SVC1102@4:20 hooks.preStart is missing required key "executable"', "`executable: <absolute path>`"],
  [B + "account: { user: u, password: {} }\n", 'SVC1102@4:31 account.password is missing required key "fromEnv"', "`fromEnv: ORDERS_PASSWORD`"],
  [B + "displayName: [Orders]\n", "SVC1103@4:14 displayName must be a string, not list", "`displayName: Orders`"],
  [B + "args: [--title, Orders: Billing]\n", "SVC1103@4:17 args[1] must be a string or a number or true or false, not map", 'quote it if it is text: "Orders: Billing"'],
  [B + "stop: { timeout: 30 }\n", 'SVC1203@4:18 stop.timeout 30 is not a duration: it has no unit (try "30s")', "500ms, 10s, 1h30m"],
  [B + "account: [a]\n", "SVC1103@4:10 account must be a built-in account name or a map with user, not list", "`account: local-service`"],
  ['version: "1"\nname: orders\nexecutable: /x\n', 'SVC1100@1:10 version must be the number 1, not the string "1"', "without quotes"],
  ["version: 2\nname: orders\nexecutable: /x\n", "SVC1100@1:10 spec version 2 is not supported; this svcgen reads version 1", "`version: 1`"],
  [B + "startup: sometimes\n", 'SVC1104@4:10 startup "sometimes" is not one of auto, delayed, manual, disabled'],
  [B + "options: { winsw: { version: '3' } }\n", 'SVC1104@4:30 options.winsw.version "3" must be a number: 2, 3', "write it without quotes: `version: 3`"],
  [B + "account: CORP\\svc\n", 'SVC1104@4:10 account "CORP\\\\svc" is not a built-in account (local-system, local-service, network-service, virtual)', "`account: { user: CORP\\svc, password: { fromEnv: ORDERS_PASSWORD } }`"],
  ["version: 1\nname: 'orders api'\nexecutable: /x\n", 'SVC1201@2:7 name "orders api" is not a valid service name (try "orders-api")', "displayName takes any text"],
  [B + 'dependsOn: ["Tcpip Afd"]\n', 'SVC1207@4:13 dependsOn[0] "Tcpip Afd" is not a service name', "one list item per service"],
  [B + "account: { user: u, password: { fromEnv: 'my var' } }\n", 'SVC1206@4:42 account.password.fromEnv "my var" is not an environment variable name', "not its value"],
  [B + "logs: { directory: /var/log, stdout: /var/log/a.log }\n", 'SVC1208@4:38 logs.stdout "/var/log/a.log" must be a file name, not a path (try "a.log")', "logs.directory"],
  [B + "options: { systemd: { wantedBy: multi-user } }\n", 'SVC1209@4:33 options.systemd.wantedBy "multi-user" is not a systemd target name (try "multi-user.target")'],
  [B + "environment: { my-var: x }\n", 'SVC1205@4:16 "my-var" is not a valid environment variable name (try "my_var")', "not starting with a digit"],
  [B + "options: { systemd: { extra: { Service: { limitNOFILE: '1' } } } }\n", 'SVC1205@4:43 "limitNOFILE" is not a directive name', "LimitNOFILE"],
  [B + "options: { systemd: { extra: { Service: { LimitNOFILE: { a: 1 } } } } }\n", "SVC1103@4:56 options.systemd.extra.Service.LimitNOFILE must be a string or a list of strings, not map"],
  [B + "restart: { maxRetries: 0, window: 1m }\n", "SVC1105@4:24 restart.maxRetries is 0; it must be at least 1", "`policy: never`"],
  [B + "options: { systemd: { version: 1000 } }\n", "SVC1105@4:32 options.systemd.version is 1000; it must be at most 999"],
  [B + "displayName: ''\n", "SVC1106@4:14 displayName must not be empty", "delete the key"],
  [B + "dependsOn: [a, a]\n", 'SVC1107@4:16 dependsOn lists "a" twice', "delete one"],
  [B + "targets: []\n", "SVC1108@4:10 targets must not be empty", "`targets: [systemd]`"],
];

describe("what passes through from the yaml library, in the spec's words", () => {
  it.each(YAML)("%j", async (input, expected, hint) => {
    const d = await only(input);
    expect(d.line).toBe(expected);
    if (hint) expect(d.hint).toContain(hint);
    expect(`${d.line} ${d.hint}`).not.toMatch(/implicit|flow (sequence|collection)|block (collection|seq)|parseAllDocuments|scalar|token|indicator/i);
  });
  it.each(DIRECT)("%s %s", (code, message, expected) => {
    expect(explainYamlError({ code, message, pos: [0, 1] }, new YamlSource("a: b\n")).message).toBe(expected);
  });
  it("has an input or a direct case for every rule", () => {
    const hit = new Set<number>();
    for (const [input] of YAML) {
      const lc = new LineCounter();
      const doc = parseDocument(input, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
      for (const e of doc.errors) {
        const r = explainYamlError(e, new YamlSource(input)).rule;
        if (r !== undefined) hit.add(r);
      }
    }
    for (const [code, message] of DIRECT) hit.add(explainYamlError({ code, message, pos: [0, 1] }, new YamlSource("a: b\n")).rule!);
    expect(YAML_RULES.map((r, i) => (hit.has(i) ? "" : `${r[0]} ${r[1]}`)).filter(Boolean)).toEqual([]);
  });
});

describe("the loader's own findings", () => {
  it.each(LOADER)("%j", async (input, expected, hint) => {
    const d = await only(input);
    expect(d.line).toBe(expected);
    if (hint) expect(d.hint).toContain(hint);
  });
});

describe("a spec that is not a map of keys", () => {
  it.each(SHAPE)("%j", async (input, expected, hint) => {
    const d = await only(input);
    expect(d.line).toBe(expected);
    if (hint) expect(d.hint).toContain(hint);
    expect(d.line).not.toMatch(/must be a map, not/);
  });
});

describe("the schema validator's errors, keyword by keyword", () => {
  it.each(SCHEMA)("%j", async (input, expected, hint) => {
    const d = await only(input);
    expect(d.line).toBe(expected);
    if (hint) expect(d.hint).toContain(hint);
  });
  it("a keyword this code does not word yet still names the field and where to look", async () => {
    const spec = { file: "s.yaml", data: { name: "x" }, nodes: new Map([["/name", { value: { file: "s.yaml", line: 2, col: 7 } }]]) };
    const [d] = await describeSchemaErrors(spec, [{ instancePath: "/name", schemaPath: "#/properties/name/if", keyword: "if", params: {} }]);
    expect(d).toMatchObject({ code: "SVC1199", line: 2, col: 7, message: 'name does not meet the schema\'s "if" rule', hint: "`svcgen schema` describes what each field takes" });
  });
});
