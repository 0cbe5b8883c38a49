// The IR every emitter reads. Normalisation has already merged the platform section, applied defaults,
// converted durations to milliseconds and sizes to bytes, and split strings at ${NAME}. Every value keeps
// the source position of the YAML node it came from, so that an emitter can refuse a value where the
// user wrote it.

export type Platform = "windows" | "linux" | "macos";
export type TargetId = "winsw" | "nssm" | "sc" | "systemd" | "schtasks" | "runkey" | "supervisord" | "launchd";

/** A position in a spec file (1-based line and column). */
export interface SourceLoc {
  file: string;
  line: number;
  col: number;
}

/** A literal run of characters, or a reference to a variable expanded when the service starts. */
export type TextPart = { kind: "literal"; text: string } | { kind: "var"; name: string };

/**
 * A spec string. `parts` is the string split at `${NAME}` (with `$$` already turned into `$`);
 * `value` is the plain string when there is no variable, i.e. the characters the user means literally.
 */
export interface Text {
  parts: TextPart[];
  /** The string as written in the spec (before `$$`/`${}` processing): for messages only. */
  source: string;
  at: SourceLoc;
}

export interface Located<T> {
  value: T;
  at: SourceLoc;
}

export type BuiltinAccount = "local-system" | "local-service" | "network-service" | "virtual";

export type Account =
  | { kind: "builtin"; builtin: BuiltinAccount; at: SourceLoc }
  | {
      kind: "user";
      user: Text;
      group?: Text;
      /** Name of the environment variable the install step reads the password from. */
      passwordFromEnv?: Located<string>;
      at: SourceLoc;
    };

export type Startup = "auto" | "delayed" | "manual" | "disabled";
export type RestartPolicy = "on-failure" | "always" | "never";
export type Priority = "idle" | "below-normal" | "normal" | "above-normal" | "high" | "realtime";

export interface Command {
  executable: Text;
  args: Text[];
  at: SourceLoc;
}

export interface EnvVar {
  name: string;
  value: Text;
  /** Position of the key. */
  at: SourceLoc;
}

export interface Restart {
  policy: Located<RestartPolicy>;
  delayMs: Located<number>;
  maxRetries?: Located<number>;
  windowMs?: Located<number>;
  resetAfterMs?: Located<number>;
}

export interface Stop {
  timeoutMs?: Located<number>;
  signal?: Located<string>;
}

export interface Logs {
  directory: Text;
  /** File names inside `directory` (defaults `<name>.out.log` / `<name>.err.log` applied). */
  stdout: Text;
  stderr: Text;
  append: Located<boolean>;
  rotate?: { maxSizeBytes?: Located<number>; keep?: Located<number>; at: SourceLoc };
  at: SourceLoc;
}

export interface ServiceModel {
  /** The spec file as given on the command line. */
  file: string;
  platform: Platform;
  name: Located<string>;
  displayName: Text;
  description?: Text;
  executable: Text;
  args: Text[];
  workingDirectory?: Text;
  environment: EnvVar[];
  /** Absent: the target's default account (LocalSystem on Windows, root on Linux). */
  account?: Account;
  startup: Located<Startup>;
  dependsOn: Located<string>[];
  restart: Restart;
  stop: Stop;
  logs?: Logs;
  hooks: { preStart?: Command; postStop?: Command };
  priority: Located<Priority>;
  /** `options.<target>` as written, minus `ignore` (each emitter validates its own). */
  options: Record<string, unknown>;
  /** Positions of `options.<target>.<key>` nodes, for emitter diagnostics. */
  optionLoc: (key: string) => SourceLoc;
  /** Dotted field paths present in the merged spec (`restart.maxRetries`, `logs.rotate`, ...). */
  present: ReadonlySet<string>;
  /** Position of a dotted field path (falls back to the nearest parent that exists). */
  locOf: (field: string) => SourceLoc;
}

/** True when the text has no `${NAME}` part. */
export function isLiteral(t: Text): boolean {
  return t.parts.every((p) => p.kind === "literal");
}

/** The literal characters of a text with no variables (callers check isLiteral first). */
export function literalOf(t: Text): string {
  return t.parts.map((p) => (p.kind === "literal" ? p.text : "${" + p.name + "}")).join("");
}

/** A built-in spec account as the SCM names it (the virtual account is the service's own). */
export function windowsBuiltinAccount(builtin: BuiltinAccount, service: string): string {
  switch (builtin) {
    case "local-system":
      return "LocalSystem";
    case "local-service":
      return "NT AUTHORITY\\LocalService";
    case "network-service":
      return "NT AUTHORITY\\NetworkService";
    case "virtual":
      return `NT SERVICE\\${service}`;
  }
}
