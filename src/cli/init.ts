import { existsSync, linkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../compile.js";
import { formatDiagnostics } from "../diagnostics/format.js";
import type { Platform, TargetId } from "../model.js";
import type { SpecField } from "../spec/fields.js";
import { schemaModeline } from "../spec/modeline.js";
import { targetEntry } from "../targets/registry.js";
import { writeStderr, writeStdout } from "./output.js";
import { exitCodeOf, parseTargets, UsageError } from "./specs.js";

// `svcgen init NAME --executable PATH`: a starter spec that already avoids the classic traps (the
// System32 working directory, output going nowhere, a crash never restarted or restarted in a storm, a
// stop that kills before the program can flush), with a comment on each line saying why. Which of
// those settings it writes is decided by the targets' capability tables: a field a target cannot
// express is left out (with a comment saying so), so the spec validates for the targets it names.

export interface InitOptions {
  executable: string;
  targets?: string[];
  out: string;
}

const WINDOWS_ABSOLUTE = /^([A-Za-z]:[\\/]|\\\\[^\\/]+[\\/])/;

/** Where a program of `name` conventionally lives on a platform, from its executable when given. */
interface Layout {
  executable: string;
  workingDirectory: string;
  logs: string;
}

function layoutFrom(name: string, executable: string, platform: Platform): Layout {
  if (platform === "windows") {
    const dir = executable.slice(0, Math.max(executable.lastIndexOf("\\"), executable.lastIndexOf("/")));
    const root = /^[A-Za-z]:$/.test(dir) ? dir + "\\" : dir;
    return { executable, workingDirectory: root, logs: `${dir}\\logs` };
  }
  return { executable, workingDirectory: executable.slice(0, executable.lastIndexOf("/")) || "/", logs: platform === "macos" ? `/Library/Logs/${name}` : `/var/log/${name}` };
}

/** A guess for a platform the executable given is not for: conventional paths, marked for checking. */
function guessedLayout(name: string, platform: Platform): Layout {
  switch (platform) {
    case "windows":
      return { executable: `C:\\Program Files\\${name}\\${name}.exe`, workingDirectory: `C:\\Program Files\\${name}`, logs: `C:\\ProgramData\\${name}\\logs` };
    case "linux":
      return { executable: `/opt/${name}/${name}`, workingDirectory: `/opt/${name}`, logs: `/var/log/${name}` };
    case "macos":
      return { executable: `/usr/local/bin/${name}`, workingDirectory: `/usr/local/var/${name}`, logs: `/Library/Logs/${name}` };
  }
}

const DEFAULT_TARGET: Record<Platform, TargetId> = { windows: "winsw", linux: "systemd", macos: "launchd" };

/** The platform an executable path is for: Windows by its form; a / path is Linux unless only macOS targets are asked for. */
function primaryPlatform(executable: string, targets: readonly TargetId[] | undefined): Platform {
  if (WINDOWS_ABSOLUTE.test(executable)) return "windows";
  const platforms = new Set((targets ?? []).map((t) => targetEntry(t)!.platform));
  return platforms.has("macos") && !platforms.has("linux") ? "macos" : "linux";
}

/**
 * A YAML scalar: plain where YAML reads it back as the same string, otherwise double-quoted with
 * JSON's escapes (which YAML's double-quoted style shares).
 */
function scalar(s: string): string {
  const plain =
    /^[A-Za-z0-9_/\\.~$][A-Za-z0-9_/\\. ~()+,=@$:-]*$/.test(s) &&
    !/[ ]$|: |:$| #/.test(s) &&
    !/^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9][0-9_.eExXoO+-]*|\.[0-9].*|\.(inf|Inf|INF|nan|NaN|NAN))$/.test(s);
  return plain ? s : JSON.stringify(s);
}

/** The targets that cannot express `field` (a value of an enum field may refine it). */
function cannot(targets: readonly TargetId[], field: SpecField, value?: string): TargetId[] {
  return targets.filter((t) => {
    const caps = targetEntry(t)!.capabilities[field];
    return ((value !== undefined && caps.values?.[value]) || caps).support === "none";
  });
}

export function starterSpec(name: string, executable: string, targets: readonly TargetId[], specDir: string): string {
  const primary = primaryPlatform(executable, targets);
  const platforms = [...new Set(targets.map((t) => targetEntry(t)!.platform))];
  const forPlatform = (p: Platform) => targets.filter((t) => targetEntry(t)!.platform === p);
  const layouts = new Map<Platform, Layout>([[primary, layoutFrom(name, executable, primary)]]);
  for (const p of platforms) if (p !== primary) layouts.set(p, guessedLayout(name, p));

  // A setting is written when some target can express it; the targets that cannot get it in their
  // `ignore` list, so that the spec says, and validates, what each of them loses.
  const ignores = new Map<TargetId, SpecField[]>();
  const wanted = (field: SpecField, value?: string): boolean => {
    const no = cannot(targets, field, value);
    if (no.length === targets.length) return false;
    for (const t of no) {
      const listed = ignores.get(t) ?? [];
      // `logs` in the list already covers logs.rotate.
      if (!listed.some((f) => field.startsWith(f + "."))) ignores.set(t, [...listed, field]);
    }
    return true;
  };
  const line = (indent: string, key: string, value: string, comment: string) => {
    const l = `${indent}${key}: ${value}`;
    return `${l}${pad(l)}# ${comment}`;
  };
  const none = (field: string, what: string) => `# ${field}: not set: ${targets.join(", ")} cannot ${what}`;

  const lines: string[] = [
    schemaModeline(specDir),
    `# A starter spec from \`svcgen init\`: check every value, then run \`svcgen validate ${name}.yaml\`.`,
    "# Every field: `svcgen schema`; what each target makes of it: `svcgen targets`.",
    "version: 1",
    line("", "name", scalar(name), "the service's name (Windows service name, systemd unit name)"),
  ];
  if (wanted("displayName")) lines.push(line("", "displayName", scalar(name), "the title shown in service lists: make it readable"));
  const top = layouts.get(primary)!;
  const hasDir = wanted("workingDirectory");
  const hasLogs = wanted("logs");
  const rotates = hasLogs && wanted("logs.rotate");
  const paths = (indent: string, l: Layout, p: Platform) => [
    line(indent, "executable", scalar(l.executable), "absolute path of the program"),
    ...(hasDir ? [line(indent, "workingDirectory", scalar(l.workingDirectory), p === "windows" ? "a service otherwise starts in C:\\Windows\\System32" : "a service otherwise starts in /")] : []),
  ];
  lines.push(...paths("", top, primary));
  if (!hasDir) lines.push(none("workingDirectory", "set one (the program must not rely on it)"));
  lines.push(line("", "args", "[]", 'one item per argument, written as is: ["--port", "8080"]'));
  // The account is a commented suggestion, so it adds no ignore; where no target runs the program as a
  // service account (a Run entry runs as whoever logs on), the suggestion would mislead.
  lines.push(
    cannot(targets, "account").length === targets.length
      ? `# account: not set: ${targets.join(", ")} cannot run the program as an account of its own`
      : primary === "windows"
        ? "# account: network-service            # default LocalSystem can do anything; a smaller account needs rights on the folders used"
        : `# account: { user: ${name} }           # default root; a user of its own is safer`,
  );
  // Left out, restart.policy means on-failure: where no target can restart a crashed program, say never.
  if (!wanted("restart.policy", "on-failure")) lines.push(line("", "restart", "{ policy: never }", `${targets.join(", ")} cannot restart a program that crashed`));
  else if (wanted("restart.delay")) lines.push(line("", "restart", "{ policy: on-failure, delay: 10s }", "restarted after a crash, 10 s apart (no restart storm)"));
  else lines.push(line("", "restart", "{ policy: on-failure }", `restarted after a crash (${targets.join(", ")} cannot wait between restarts)`));
  if (wanted("stop.timeout")) lines.push(line("", "stop", "{ timeout: 30s }", "time to shut down cleanly before the program is killed"));
  else lines.push(none("stop", "time a stop"));
  if (hasLogs) {
    const value = rotates ? `{ directory: ${scalar(top.logs)}, rotate: { maxSize: 10MiB, keep: 5 } }` : `{ directory: ${scalar(top.logs)} }`;
    lines.push(line("", "logs", value, rotates ? "stdout and stderr to files here, rotated at 10 MiB, 5 kept" : "stdout and stderr to files here, appended"));
  } else lines.push(none("logs", "capture output (have the program write its own log files)"));

  for (const p of platforms) {
    if (p === primary) continue;
    const l = layouts.get(p)!;
    lines.push(`${p}:${pad(`${p}:`)}# for ${forPlatform(p).join(", ")}: GUESSED from the name, check these paths`);
    lines.push(...paths("  ", l, p));
    if (hasLogs) lines.push(line("  ", "logs", `{ directory: ${scalar(l.logs)} }`, "logs on this platform"));
  }
  lines.push(`targets: [${targets.join(", ")}]`);
  if (ignores.size > 0) {
    lines.push("options:                                # what these targets cannot express, accepted explicitly (svcgen targets)");
    for (const t of targets) {
      const fs = ignores.get(t);
      if (fs) lines.push(`  ${t}: { ignore: [${fs.join(", ")}] }`);
    }
  }
  return lines.join("\n") + "\n";
}

const pad = (line: string) => " ".repeat(Math.max(1, 40 - line.length));

export function runInit(name: string, o: InitOptions): Promise<number> {
  return exitCodeOf(async () => {
    if (!WINDOWS_ABSOLUTE.test(o.executable) && !o.executable.startsWith("/")) {
      throw new UsageError(`--executable must be an absolute path (C:\\... or /...), not ${JSON.stringify(o.executable)}: a service starts with no useful current directory`);
    }
    const targets = parseTargets(o.targets) ?? [DEFAULT_TARGET[primaryPlatform(o.executable, undefined)]];
    const text = starterSpec(name, o.executable, targets, o.out);
    const file = `${name}.yaml`;
    const path = join(o.out, file);
    // What init writes must pass: anything else (a name that is not a service name) is the user's to fix.
    const r = await compile(text, path, { targets, emit: false });
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) {
      writeStderr(formatDiagnostics(errors, "text"));
      throw new UsageError(`cannot write a starter spec for these values (see above)`);
    }
    if (existsSync(path)) throw new UsageError(`${path} exists: svcgen init never overwrites a file`);
    // Written beside, then linked into place: link fails if the file appeared meanwhile, rename would not.
    const tmp = join(o.out, `.${file}.${process.pid}.svcgen-tmp`);
    writeFileSync(tmp, text, { flag: "wx" });
    try {
      linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${path} exists: svcgen init never overwrites a file`);
      throw e;
    } finally {
      unlinkSync(tmp);
    }
    writeStdout(`wrote ${path}\n`);
    return 0;
  });
}
