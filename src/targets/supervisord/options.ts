import type { ServiceModel } from "../../model.js";

// options.supervisord, declared once: the schema's options.supervisord is this data
// (test/supervisord/options.test.ts compares them), and the emitter reads values through
// supervisordOptions with these defaults.

type JsonSchema = Record<string, unknown>;
// Strings only, as in options.systemd.extra: YAML would read an unquoted umask 022 as the number 22.
const setting = (description: string): JsonSchema => ({ description, type: "string" });

/**
 * `[program:x]` settings of supervisord 4.2.5 that no spec field writes, accepted in
 * options.supervisord.extra. Settings svcgen writes from the spec (command, directory, environment,
 * user, autostart, autorestart, exitcodes, startsecs, startretries, stop and log settings) are not
 * here: they come from the spec, so a value here could never contradict it.
 */
export const EXTRA_SETTINGS: Record<string, string> = {
  priority: "Start order among programs (lower first, default 999); not a CPU priority.",
  umask: "The program's umask, octal (022).",
  process_name: "The process name supervisorctl shows (default the program name; needs %(process_num)s with numprocs).",
  numprocs: "How many copies of the program to run (default 1).",
  numprocs_start: "The first %(process_num)s (default 0).",
  serverurl: "The URL passed to the program as SUPERVISOR_SERVER_URL (default AUTO).",
  stdout_capture_maxbytes: "Size of the stdout capture buffer for PROCESS_COMMUNICATION events.",
  stdout_events_enabled: "Emit PROCESS_LOG_STDOUT events.",
  stdout_syslog: "Also send stdout to syslog.",
  stderr_capture_maxbytes: "Size of the stderr capture buffer for PROCESS_COMMUNICATION events.",
  stderr_events_enabled: "Emit PROCESS_LOG_STDERR events.",
  stderr_syslog: "Also send stderr to syslog.",
};

export interface OptionDeclaration {
  name: string;
  description: string;
  default?: unknown;
  schema: JsonSchema;
}

/**
 * svcgen's startsecs when options.supervisord.startsecs is not set; supervisord's own default is 1.
 * supervisord's main loop waits up to 1 s at a time, and it tells a failed start from a run only when it
 * reaps the exit: a program that exits at once but closes its output before its process is gone (Python
 * does, as do programs with exit handlers) is often reaped on the next tick, more than 1 s after it
 * started, and taken for a run that got past startsecs. It is then restarted at once, without counting
 * towards startretries, forever. Seen with supervisord 4.2.5 (test/conformance/supervisord.test.ts).
 * With 3 s a failed start is told apart even a second late.
 */
export const DEFAULT_STARTSECS = 3;

export const OPTIONS: readonly OptionDeclaration[] = [
  {
    name: "startsecs",
    description:
      "Seconds the program must stay up to count as started (supervisord's startsecs). An exit before that is a failed start: retried after 1 s, 2 s, 3 s... up to restart.maxRetries times. Default 3 (supervisord's own default, 1, is shorter than its 1 s main-loop tick, so a program that fails at once can be taken for one that ran, and restarted without limit); at least 2.",
    default: DEFAULT_STARTSECS,
    schema: { type: "integer", minimum: 2, maximum: 86400 },
  },
  {
    name: "stopAsGroup",
    description:
      "Send the stop signal and the final SIGKILL to the program's whole process group (stopasgroup/killasgroup), so that children it started stop with it, as systemd's default KillMode does. Default true.",
    default: true,
    schema: { type: "boolean" },
  },
  {
    name: "extra",
    description:
      "Raw [program:x] settings svcgen adds after its own, written as given (supervisord's syntax: a literal % is %%): `{ priority: \"100\" }`. Only settings no spec field covers.",
    schema: {
      type: "object",
      additionalProperties: false,
      properties: Object.fromEntries(Object.entries(EXTRA_SETTINGS).map(([k, d]) => [k, setting(d)])),
    },
  },
];

const IGNORE: JsonSchema = {
  description:
    "Spec fields this target cannot express, which you accept losing for it (otherwise each one is an error). Dotted names for nested fields: `logs.rotate`, `restart.maxRetries`.",
  type: "array",
  uniqueItems: true,
  items: { $ref: "#/definitions/fieldName" },
};

/** The schema of options.supervisord, made from OPTIONS. */
export function optionsSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const o of OPTIONS) properties[o.name] = { description: o.description, ...o.schema };
  properties.ignore = IGNORE;
  return { description: "supervisord settings.", type: "object", additionalProperties: false, properties };
}

export interface SupervisordOptions {
  startsecs: number;
  stopAsGroup: boolean;
  /** Setting name and value as written, in the spec's order. */
  extra: [string, string][];
}

/** options.supervisord with defaults; the schema has checked its shape. */
export function supervisordOptions(model: ServiceModel): SupervisordOptions {
  const o = model.options as { startsecs?: number; stopAsGroup?: boolean; extra?: Record<string, string> };
  return {
    startsecs: o.startsecs ?? DEFAULT_STARTSECS,
    stopAsGroup: o.stopAsGroup ?? true,
    extra: Object.entries(o.extra ?? {}),
  };
}
