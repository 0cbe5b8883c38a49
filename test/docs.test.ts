import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EXIT } from "../src/cli/main.js";
import { capabilityData, withFieldTables } from "../src/cli/targets-table.js";
import { compile } from "../src/compile.js";
import type { TargetId } from "../src/model.js";
import { SPEC_FIELDS } from "../src/spec/fields.js";
import { TARGETS } from "../src/targets/registry.js";
import { runCli } from "./helpers/cli.js";

// docs/spec.md is the reference users read; these tests keep it the whole contract. Each failure says
// what to add, so that whoever adds a field, a target, an option or a command (or merges a branch that
// did) can fill the entry in.

const root = new URL("../", import.meta.url).pathname;
const DOC = "docs/spec.md";
const doc = readFileSync(join(root, DOC), "utf8");
const schema = JSON.parse(readFileSync(join(root, "schema/service.schema.json"), "utf8")) as Schema;

interface Schema {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

/** Every property path of the schema (`restart.policy`, `options.systemd.extra.Unit`), with its description. */
function schemaFields(): Map<string, string> {
  const out = new Map<string, string>();
  const resolve = (ref: string): Schema => ref.slice(2).split("/").reduce<any>((n, k) => n[k], schema);
  const walk = (node: Schema, path: string, description?: string): void => {
    if (node.$ref) {
      // A platform section's field is a top-level field again: documented once, at the top level.
      if (node.$ref.startsWith("#/properties/")) return;
      return walk(resolve(node.$ref), path, description ?? node.description);
    }
    if (path) out.set(path, out.get(path) || description || node.description || "");
    for (const branch of [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) walk(branch, path);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (child.$ref?.startsWith("#/properties/")) continue;
      walk(child, path ? `${path}.${key}` : key, child.description);
    }
  };
  walk(schema, "");
  return out;
}

interface Entry {
  names: string[];
  level: number;
  line: number;
  body: string;
}

/** Headings made only of code spans (`restart.policy`, `hooks.preStart`, `hooks.postStop`), with their text. */
function entries(md: string): Entry[] {
  const lines = md.split("\n");
  const heads: { level: number; text: string; line: number }[] = [];
  let fence = false;
  lines.forEach((l, i) => {
    if (l.startsWith("```")) fence = !fence;
    const m = !fence && /^(#{2,6}) (.+)$/.exec(l);
    if (m) heads.push({ level: m[1]!.length, text: m[2]!, line: i });
  });
  return heads.flatMap((h, i) => {
    if (!/^`[^`]+`(, `[^`]+`)*$/.test(h.text)) return [];
    const end = heads.slice(i + 1).find((n) => n.level <= h.level)?.line ?? lines.length;
    return [{ names: [...h.text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), level: h.level, line: h.line + 1, body: lines.slice(h.line + 1, end).join("\n") }];
  });
}

const fieldEntries = entries(doc).filter((e) => !e.names[0]!.startsWith("svcgen"));
/** An entry name matches a path segment by segment; `*` matches any one segment (`options.*.ignore`). */
const matches = (name: string, path: string): boolean => {
  const a = name.split(".");
  const b = path.split(".");
  return a.length === b.length && a.every((s, i) => s === "*" || s === b[i]);
};
const entryFor = (path: string): Entry | undefined => fieldEntries.find((e) => e.names.some((n) => matches(n, path)));

/** A top-level section whose fields are all top-level fields again (`windows`, `linux`, `macos`). */
const isPlatformSection = (path: string): boolean => {
  const props = Object.values(schema.properties?.[path]?.properties ?? {});
  return !path.includes(".") && props.length > 0 && props.every((p) => p.$ref?.startsWith("#/properties/"));
};

/** Where a new field's entry goes: after the entry of its parent, else in its group. */
function whereToAdd(path: string): string {
  if (isPlatformSection(path)) {
    const sections = entryFor("windows");
    return `under "### Platform sections"${sections ? ` (or name it in the heading at line ${sections.line}: #### ${[...sections.names, path].map((n) => `\`${n}\``).join(", ")})` : ""}`;
  }
  const parent = path.split(".").slice(0, -1).join(".");
  if (!parent) return "in the section of the fields it belongs with";
  const near = entryFor(parent);
  return near ? `after the entry of \`${parent}\` (line ${near.line})` : `after the entry of \`${parent}\` (also missing)`;
}

describe("docs/spec.md documents every field of the schema", () => {
  const fields = schemaFields();

  it("walks the whole schema (nested fields, oneOf branches, options of every target)", () => {
    for (const p of ["version", "restart.policy", "account.password.fromEnv", "logs.rotate.keep", "hooks.preStart.args", "windows", "options.systemd.extra.Unit"]) {
      expect(fields.has(p), p).toBe(true);
    }
    for (const t of TARGETS) expect(fields.has(`options.${t.id}.ignore`), t.id).toBe(true);
    // The fields of a platform section are the top-level ones, documented there.
    expect(fields.has("windows.executable")).toBe(false);
  });

  it("every field of the schema has an entry", () => {
    const missing = [...fields].filter(([p]) => !entryFor(p));
    const advice = missing.map(
      ([p, description]) =>
        `${DOC} has no entry for \`${p}\`: add a heading "#### \`${p}\`" ${whereToAdd(p)}, with its "- **Type**:", "- **Default**:" and "- **Example**:" lines, ` +
        `what it does and what each target makes of it${description ? ` (the schema says: ${description})` : ""}`,
    );
    expect(advice).toEqual([]);
  });

  it("every entry names a field of the schema", () => {
    const paths = [...fields.keys()];
    const stale = fieldEntries.flatMap((e) => e.names.filter((n) => !paths.some((p) => matches(n, p))).map((n) => `${DOC}:${e.line}: \`${n}\` is not a field of the schema: rename or remove the entry`));
    expect(stale).toEqual([]);
  });

  it("every entry gives a type, a default and an example, and the example validates", async () => {
    const problems: string[] = [];
    for (const e of fieldEntries) {
      const where = `${DOC}:${e.line} (\`${e.names.join("`, `")}\`)`;
      for (const key of ["Type", "Default", "Example"]) {
        if (!new RegExp(`^- \\*\\*${key}\\*\\*: \\S`, "m").test(e.body)) problems.push(`${where}: no "- **${key}**:" line`);
      }
      const example = /^- \*\*Example\*\*: `([^`]+)`$/m.exec(e.body)?.[1];
      if (example === undefined) {
        problems.push(`${where}: the example is not one code span of YAML`);
        continue;
      }
      // The example goes into a minimal spec (minus the keys it sets itself) checked on its own.
      const keys = Object.keys((parse(example) as Record<string, unknown>) ?? {});
      const base = ["version: 1", "name: orders-api", "executable: C:\\apps\\orders\\orders.exe"].filter((l) => !keys.includes(l.split(":")[0]!));
      const r = await compile([...base, example, ""].join("\n"), "example.yaml", { targets: [] });
      for (const d of r.diagnostics) problems.push(`${where}: the example ${example} gives ${d.severity} ${d.code}: ${d.message}`);
      if (!e.names.some((n) => keys.includes(n.split(".")[0]!))) problems.push(`${where}: the example ${example} does not set the field`);
    }
    expect(problems).toEqual([]);
  });

  it("every field a target declares has its generated table of what each target does, in its entry", async () => {
    const problems: string[] = [];
    for (const f of SPEC_FIELDS) {
      const e = entryFor(f);
      const marker = `<!-- targets: ${f} -->`;
      if (!e) continue; // reported above
      if (!e.body.includes(`${marker}\n`)) problems.push(`${DOC}:${e.line}: the entry of \`${f}\` has no "${marker}" ... "<!-- /targets -->" block: add the two lines, then run npm run build && node scripts/update-readme.mjs`);
    }
    expect(problems).toEqual([]);
    expect(doc, "the tables are stale: npm run build && node scripts/update-readme.mjs").toBe(withFieldTables(doc, await capabilityData()));
  });

  it("the spec at the top validates for its targets", async () => {
    const yaml = /## A spec\n\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(yaml).toBeDefined();
    const r = await compile(yaml!, "spec.md", { emit: false });
    expect(r.targets.length).toBeGreaterThan(0);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.target ?? ""} ${d.message}`)).toEqual([]);
  });
});

describe("docs/spec.md documents the command line, the exit codes and the output files", () => {
  const section = (heading: string): string => {
    const start = doc.indexOf(`\n${heading}\n`);
    if (start < 0) return "";
    const level = heading.indexOf(" ");
    const rest = doc.slice(start + heading.length + 2);
    const next = rest.search(new RegExp(`^#{1,${level}} `, "m"));
    return next < 0 ? rest : rest.slice(0, next);
  };

  it("every command, and every option of each, is described", async () => {
    const help = await runCli(["--help"]);
    const commands = [...help.stdout.split("Commands:")[1]!.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== "help");
    expect(commands).toContain("build");
    const problems: string[] = [];
    const top = section("## Commands");
    if (!top.includes("--version")) problems.push(`${DOC}: "## Commands" does not mention --version`);
    for (const c of commands) {
      const body = section(`### \`svcgen ${c}\``);
      if (!body) {
        problems.push(`${DOC} has no section for svcgen ${c}: add "### \`svcgen ${c}\`" under "## Commands", with its synopsis and what each option does`);
        continue;
      }
      const options = [...(await runCli([c, "--help"])).stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!).filter((o) => o !== "--help");
      for (const o of options) if (!body.includes(o)) problems.push(`${DOC}: the section of svcgen ${c} does not describe ${o}`);
    }
    expect(problems).toEqual([]);
  });

  it("every exit code is in the table", () => {
    const table = section("## Exit codes");
    for (const [what, code] of Object.entries(EXIT)) expect(table, `exit code ${code} (${what}): add a row "| \`${code}\` | ... |"`).toContain(`| \`${code}\` |`);
  });

  it("every target's output files are listed", () => {
    const table = section("## Output files");
    const problems: string[] = [];
    for (const t of TARGETS) {
      const row = table.split("\n").find((l) => l.startsWith(`| ${t.id} |`));
      if (!row) {
        problems.push(`${DOC}: "## Output files" has no row for ${t.id}: add "| ${t.id} | ${t.outputs("<name>").map((f) => `\`${f}\``).join(", ")} |"`);
        continue;
      }
      for (const f of t.outputs("<name>")) if (!row.includes(`\`${f}\``)) problems.push(`${DOC}: the ${t.id} row of "## Output files" does not name \`${f}\``);
    }
    expect(problems).toEqual([]);
  });

  it("options.*.ignore lists every field it accepts", () => {
    const accepted = (schema as { definitions: { fieldName: { enum: string[] } } }).definitions.fieldName.enum;
    const entry = entryFor("options.x.ignore")!;
    const type = /^- \*\*Type\*\*: ([\s\S]*?)^- \*\*Default/m.exec(entry.body)?.[1] ?? "";
    for (const f of accepted) expect(type, `add \`${f}\` to the Type line of \`options.*.ignore\` (line ${entry.line})`).toContain(`\`${f}\``);
  });

  it("the spec's target list and its platforms are the registry's", () => {
    const entry = entryFor("targets")!;
    for (const t of TARGETS) expect(entry.body, `\`targets\` does not list ${t.id}`).toContain(`\`${t.id}\``);
    const platforms = entryFor("windows")!.names;
    for (const p of new Set(TARGETS.map((t) => t.platform))) expect(platforms, `add \`${p}\` to the platform sections' heading`).toContain(p);
    const ids: TargetId[] = TARGETS.map((t) => t.id);
    expect(ids.length).toBeGreaterThan(0);
  });

  it("the schema's platform sections name the registry's targets of their platform (editors show it)", () => {
    for (const p of new Set(TARGETS.map((t) => t.platform))) {
      const described = /\(([^)]*)\)/.exec(schema.properties?.[p]?.description ?? "")?.[1]?.split(/,\s*/) ?? [];
      expect(described.sort(), `the description of the schema's \`${p}\` section`).toEqual(TARGETS.filter((t) => t.platform === p).map((t) => t.id).sort());
    }
  });
});

// --- links

/** GitHub's heading anchors (github-slugger): lowercase, punctuation dropped, spaces as -, repeats numbered. */
function anchors(md: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fence = false;
  for (const l of md.split("\n")) {
    if (l.startsWith("```")) fence = !fence;
    const m = !fence && /^#{1,6} (.+?)\s*#*$/.exec(l);
    if (!m) continue;
    const slug = m[1]!.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "").replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** Markdown links of a document, outside code (fenced blocks and code spans). */
function links(md: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  let fence = false;
  md.split("\n").forEach((l, i) => {
    if (l.startsWith("```")) fence = !fence;
    if (fence) return;
    const text = l.replace(/`[^`]*`/g, "code");
    for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ target: m[1]!, line: i + 1 });
  });
  return out;
}

describe("relative links in the documentation resolve", () => {
  const docs = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

  it("finds the links (and README links the reference)", () => {
    expect(links(readFileSync(join(root, "README.md"), "utf8")).map((l) => l.target)).toContain("docs/spec.md");
    expect(links(doc).length).toBeGreaterThan(10);
    expect(anchors("## A spec\n### `restart.policy`\n## Logs\n#### `logs`\n")).toEqual(new Set(["a-spec", "restartpolicy", "logs", "logs-1"]));
  });

  for (const file of docs) {
    it(`${file}: every relative link points to a file that exists, and every #anchor to a heading`, () => {
      const md = readFileSync(join(root, file), "utf8");
      const broken: string[] = [];
      for (const { target, line } of links(md)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split("#") as [string, string | undefined];
        const resolved = path ? join(dirname(join(root, file)), decodeURIComponent(path)) : join(root, file);
        if (!existsSync(resolved)) {
          broken.push(`${file}:${line}: ${target}: ${relative(root, resolved)} does not exist`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith(".md") && !anchors(readFileSync(resolved, "utf8")).has(anchor)) {
          broken.push(`${file}:${line}: ${target}: no heading with the anchor #${anchor} in ${relative(root, resolved)}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
