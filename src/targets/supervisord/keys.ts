import type { SpecField } from "../../spec/fields.js";
import { EXTRA_SETTINGS } from "./options.js";
import { byteSize, pyBoolean, pyInt } from "./escape.js";

// Every [program:x] setting supervisord 4.2.5 reads (options.py, processes_from_section), as data for the
// reader (read.ts). A setting is one of:
// - mapped: it feeds the spec fields listed (read.ts decodes it);
// - an option: it is an options.supervisord value (startsecs, stopAsGroup);
// - extra: a setting no spec field covers (options.ts EXTRA_SETTINGS), kept as written in
//   options.supervisord.extra, with a warning unless its value is supervisord's default;
// - anything else supervisord ignores (it reads only these names): reported, not imported.
// test/import/supervisord-keys.test.ts checks this table against capabilities.ts and options.ts.

export const MAPPED: Readonly<Record<string, readonly SpecField[]>> = {
  command: ["executable", "args", "hooks.preStart"],
  directory: ["workingDirectory"],
  environment: ["environment"],
  user: ["account"],
  autostart: ["startup"],
  autorestart: ["restart.policy"],
  exitcodes: ["restart.policy"],
  startretries: ["restart.maxRetries", "restart.window"],
  stopsignal: ["stop.signal"],
  stopwaitsecs: ["stop.timeout"],
  redirect_stderr: ["logs"],
  stdout_logfile: ["logs"],
  stderr_logfile: ["logs"],
  stdout_logfile_maxbytes: ["logs.rotate"],
  stderr_logfile_maxbytes: ["logs.rotate"],
  stdout_logfile_backups: ["logs.rotate"],
  stderr_logfile_backups: ["logs.rotate"],
};

/** Settings that are options.supervisord values rather than spec fields. */
export const OPTION_SETTINGS: Readonly<Record<string, "startsecs" | "stopAsGroup">> = {
  startsecs: "startsecs",
  stopasgroup: "stopAsGroup",
  killasgroup: "stopAsGroup",
};

/** supervisord's default for each extra setting: a value equal to it changes nothing, and is carried without a warning. */
const isDefault: Readonly<Record<string, (v: string) => boolean>> = {
  priority: (v) => pyInt(v) === 999,
  umask: () => false,
  process_name: (v) => v === "%(program_name)s",
  numprocs: (v) => pyInt(v) === 1,
  numprocs_start: (v) => pyInt(v) === 0,
  serverurl: (v) => v.trim().toUpperCase() === "AUTO",
  stdout_capture_maxbytes: (v) => byteSize(v) === 0,
  stderr_capture_maxbytes: (v) => byteSize(v) === 0,
  stdout_events_enabled: (v) => pyBoolean(v) === false,
  stderr_events_enabled: (v) => pyBoolean(v) === false,
  stdout_syslog: (v) => pyBoolean(v) === false,
  stderr_syslog: (v) => pyBoolean(v) === false,
};

export const isExtraSetting = (name: string): boolean => Object.hasOwn(EXTRA_SETTINGS, name);
export const isDefaultExtra = (name: string, value: string): boolean => isDefault[name]?.(value) ?? false;

/**
 * Spec fields no setting holds (each with why): the key-table test accepts these without a setting.
 */
export const WITHOUT_SETTING: Readonly<Partial<Record<SpecField, string>>> = {
  name: "the section's name, [program:<name>]",
  "logs.append": "supervisord always appends: nothing is written for it",
  "restart.resetAfter": "approximated by startsecs: nothing is written for it",
  priority: "only normal, which sets nothing (supervisord's priority= is the start order, kept in extra)",
};

/** Sections that configure supervisord itself, read by it but not describing a program. */
export const SUPERVISORD_SECTIONS = /^(supervisord|supervisorctl|unix_http_server|inet_http_server|rpcinterface:.*|ctlplugin:.*)$/;
