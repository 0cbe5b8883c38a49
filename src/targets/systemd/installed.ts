import type { InstalledSource, SourceText } from "../types.js";

// `svcgen import --installed NAME` on Linux: the unit as `systemctl cat NAME` prints it, which is how an
// administrator looks at a service: the unit file systemd loaded and each drop-in applied to it, in
// systemd's order, each after a `# /path/to/file` line (src/systemctl/systemctl-cat.c, cat_file: a blank
// line before each file but the first). Splitting it back into files keeps diagnostics at the real files'
// paths and lines.

export const unitFileName = (name: string): string => (/\.[a-z]+$/.test(name) ? name : `${name}.service`);

/** systemctl cat's output, split into the files it shows. */
export function splitSystemctlCat(output: string, unit: string): SourceText[] {
  const lines = output.split("\n");
  const isHeader = (i: number): string | undefined => {
    const m = /^# (\/\S.*)$/.exec(lines[i] ?? "");
    if (!m || (i > 0 && lines[i - 1] !== "")) return undefined;
    const path = m[1]!;
    const base = path.slice(path.lastIndexOf("/") + 1);
    const dir = path.slice(0, path.lastIndexOf("/"));
    // The first line names the unit file, under its own name when NAME is an alias of it.
    return i === 0 || base === unit || (dir.endsWith(".d") && base.endsWith(".conf")) ? path : undefined;
  };
  const files: { name: string; lines: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = isHeader(i);
    if (header !== undefined) {
      const prev = files[files.length - 1];
      if (prev && prev.lines[prev.lines.length - 1] === "") prev.lines.pop(); // the blank line cat_file adds
      files.push({ name: header, lines: [] });
    } else if (files.length > 0) files[files.length - 1]!.lines.push(lines[i]!);
  }
  return files.map((f) => ({ name: f.name, text: f.lines.join("\n"), encoding: "utf-8", bom: false }));
}

export const installed: InstalledSource = {
  platform: "linux",
  describe: (name) => `systemctl cat ${unitFileName(name)}`,
  async fetch(name, run) {
    const unit = unitFileName(name);
    const r = await run("systemctl", ["cat", "--", unit]);
    const stdout = new TextDecoder().decode(r.stdout);
    if (r.status !== 0) throw new Error(`systemctl cat ${unit} failed${r.stderr.trim() ? `: ${r.stderr.trim()}` : ""}`);
    const files = splitSystemctlCat(stdout, unit);
    if (files.length === 0) throw new Error(`systemctl cat ${unit} printed no unit file`);
    return files.map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.text) }));
  },
};
