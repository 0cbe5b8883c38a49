import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Platform, ServiceModel, SourceLoc, TargetId } from "../model.js";
import type { SpecField } from "../spec/fields.js";
import type { SourceEncoding } from "../spec/source-text.js";
import type { Capabilities } from "./capabilities.js";

export interface OutputFile {
  name: string;
  bytes: Uint8Array;
}

export interface EmitContext {
  /** The spec's path as the generated header names it (relative to the output directory, `/` separators). */
  sourceName: string;
}

/**
 * A target is split so that each command loads only what it needs: `validate` reads capabilities and
 * runs `check`; only `build` loads `emit` (templates, XML code).
 */
export interface TargetModule {
  /** Value-level refusals and warnings: everything that would stop `emit`, found without rendering. */
  check(model: ServiceModel): Diagnostic[];
}

export interface EmitterModule {
  /** Pure: no I/O. Called only for a model whose `check` gave no errors; throws on a bug, never guesses. */
  emit(model: ServiceModel, ctx: EmitContext): OutputFile[];
}

export interface TargetEntry {
  id: TargetId;
  platform: Platform;
  /** One line for `svcgen targets`. */
  title: string;
  /** File names written for a service called `name`. */
  outputs(name: string): string[];
  capabilities: Capabilities;
  checker(): Promise<TargetModule>;
  emitter(): Promise<EmitterModule>;
  /**
   * The target's reader (`svcgen import`, `svcgen diff`), loaded only when one of those commands needs it. Absent
   * while the target has none.
   */
  reader?(): Promise<ReaderModule>;
  /**
   * Whether `name` (a path) with these contents is a file of this target, decided cheaply from the content (the name
   * only where the content cannot tell, as for a systemd drop-in's unit): `import` calls it on every file, for every
   * target, without loading any reader. `text` is the decoded text (undefined when the bytes are not valid text).
   * Undefined: not this target's. Two targets claiming one file is a usage error that asks for --from.
   */
  detect?(name: string, bytes: Uint8Array, text: string | undefined): Detection | undefined;
}

// ---------------------------------------------------------------------------------------------------
// The reverse direction: readers (`svcgen import`, `svcgen diff`). See src/import/README in code:
// src/import/read-model.ts (how a reader builds its model) and src/import/import.ts (the pipeline).

/** A file a reader reads, already decoded by decodeSource (src/spec/source-text.ts). */
export interface SourceText {
  /** The path as the user named it (or as the live system reports it): diagnostics and the spec's header use it. */
  name: string;
  /** The text without its byte order mark. Positions (line, col) count UTF-16 code units of this text, 1-based. */
  text: string;
  /** The encoding the bytes were in, for readers whose format fixes one (`reg export` writes UTF-16LE with a BOM). */
  encoding: SourceEncoding;
  bom: boolean;
}

/** What `detect` says about a file it recognises. */
export interface Detection {
  /**
   * For a file that only adds to another (a systemd drop-in `x.service.d/y.conf`): the base name of the file it
   * extends (`x.service`). Such a file is read together with the last file of that name given before it.
   */
  extends?: string;
  /**
   * For bytes that are this kind of file but not text svcgen reads (detect was called without text: a binary
   * property list): what to do instead, the hint of the file's SVC1009.
   */
  notText?: string;
}

/** Where a spec field's value came from, in the source's own terms: for messages and for `svcgen diff`. */
export interface Origin {
  /** The source's name for the setting: `RestartSec=`, `<stoptimeout>`, `AppExit`. */
  setting: string;
  at: SourceLoc;
}

export interface ReadResult {
  /**
   * The service as the same IR normalize produces (model.ts): values decoded, positions (`at`, `locOf`) pointing into
   * the source files, `options` holding this target's options (`version`, `extra`, ...) as a spec would state them, and
   * `present` listing exactly the fields whose value differs from the spec's default (so the spec writer writes those
   * and nothing else). Undefined when an error leaves no service to describe; then `diagnostics` has that error.
   */
  model?: ServiceModel;
  /** Located diagnostics (file:line:col in the source files), `target` set to the reader's target. */
  diagnostics: Diagnostic[];
  /** Per spec field, the setting it was read from. */
  origins: ReadonlyMap<SpecField, Origin>;
}

/** Runs a program without a shell (tests inject a fake). */
export type RunProgram = (file: string, args: readonly string[]) => Promise<{ status: number | null; stdout: Uint8Array; stderr: string }>;

/**
 * Reads the live system's files, for an InstalledSource whose tool is the file system itself (supervisord has no
 * command that shows a program's configuration). The CLI gives Node's; tests give a fake.
 */
export interface LiveFiles {
  /** The file's bytes; undefined when there is no such file. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** The names in a directory (no . or ..); undefined when it is not one. */
  list(dir: string): Promise<string[] | undefined>;
}

/**
 * How `svcgen import --installed NAME` gets the live service's definition, the way an administrator would
 * (`systemctl cat NAME`, `reg.exe export ...`): the files it returns then take the same path as files named on the
 * command line. Keep it thin: everything worth testing belongs in `read`.
 */
export interface InstalledSource {
  /** The operating system it works on, as `process.platform` names it. */
  platform: "linux" | "win32" | "darwin";
  /** The command it runs, for messages (`systemctl cat orders`). */
  describe(name: string): string;
  /**
   * The files that define the live service, as the tool wrote them (bytes: `reg export` writes UTF-16LE),
   * main file first, named where they are on the system; throws an Error with a message on failure.
   */
  fetch(name: string, run: RunProgram, scratch?: ScratchFolder, files?: LiveFiles): Promise<{ name: string; bytes: Uint8Array }[]>;
}

/**
 * For a tool that writes its output only to a file (`reg.exe export KEY FILE`): a new, empty folder the caller
 * makes before `fetch` and removes after it, so that sources stay free of file-system code (readers are bundled
 * for the browser too).
 */
export interface ScratchFolder {
  /** The full path of a file in the folder, to give the tool. */
  path(file: string): string;
  /** The bytes of a file the tool wrote there, or undefined when it wrote none. */
  read(file: string): Uint8Array | undefined;
}

/** The services a file holds, for a format that holds several (ReaderModule.list). */
export interface ServiceList {
  /** The services' names, in the order the file gives them. */
  names: string[];
  /** Diagnostics about the file as a whole (its syntax, what in it is no service); an error leaves no names. */
  diagnostics: Diagnostic[];
}

/** A target's reader: loaded by `import` and `diff` only (never by validate or build). */
export interface ReaderModule {
  /**
   * Reads one service from `files[0]` and the files that extend it (`files[1..]`, in the order given). Pure and total:
   * no I/O, and bad input gives diagnostics, never an exception (an exception is a bug in the reader).
   *
   * A reader with `list` reads the service named `service` (one of list's names), giving only that service's
   * diagnostics: the caller has reported list's. Without `service` it reads the files' only service, with the
   * diagnostics about the files as a whole (an error when they hold none or several).
   */
  read(files: readonly SourceText[], service?: string): ReadResult;
  /**
   * For a format whose one file holds several services (a supervisord file's [program:x] sections, the values of
   * a Run key): the services in the files. `import` then writes a spec for each, and `import --installed NAME` or
   * `diff` reads the one of that name. Absent: the files are one service.
   */
  list?(files: readonly SourceText[]): ServiceList;
  /** `--installed`, when the target has a live form on some platform. */
  installed?: InstalledSource;
  /**
   * For a reader that reads what an install leaves behind (a service's registry key), not the files svcgen builds
   * (install scripts): the model it reads back from the service svcgen installs for `model`, where that differs
   * from `model` (what the target stores alike reads alike, sc.exe keeping `always` as `on-failure`; what it keeps
   * no trace of is gone, nssm deleting a value set to its default). `svcgen diff` compares the installed service
   * with it, so that neither counts as a difference. Pure. (A reader of svcgen's own files needs none: diff reads
   * those files back.)
   */
  asInstalled?(model: ServiceModel): ServiceModel;
  /**
   * Codes of the reader's warnings that name an installed setting the spec has no field for, or states only
   * approximately (an nssm parameter set by hand, a failure action that runs a program, a task setting): what
   * import reports and leaves out of the spec. `svcgen diff` reports each such warning of the installed service as
   * a difference (SVC7006), unless reading svcgen's own build of the spec gives the same warning.
   */
  unstated?: readonly string[];
}
