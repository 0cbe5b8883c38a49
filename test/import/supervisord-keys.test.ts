import { describe, expect, it } from "vitest";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { capabilities } from "../../src/targets/supervisord/capabilities.js";
import { MAPPED, OPTION_SETTINGS, WITHOUT_SETTING } from "../../src/targets/supervisord/keys.js";
import { EXTRA_SETTINGS, OPTIONS } from "../../src/targets/supervisord/options.js";

// The supervisord reader's key table against the capability table and the options: what the emitter writes,
// the reader reads.
const fieldsWithSetting = new Set(Object.values(MAPPED).flat());
const supports = (f: (typeof SPEC_FIELDS)[number]) => new Set([capabilities[f].support, ...Object.values(capabilities[f].values ?? {}).map((v) => v.support)]);

// The [program:x] settings supervisord 4.2.5 reads (options.py, processes_from_section).
const SUPERVISORD_PROGRAM_SETTINGS = [
  "command", "process_name", "numprocs", "numprocs_start", "directory", "umask", "priority", "autostart", "startsecs", "startretries",
  "autorestart", "exitcodes", "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "user", "redirect_stderr",
  ...["stdout", "stderr"].flatMap((c) => [`${c}_logfile`, `${c}_logfile_maxbytes`, `${c}_logfile_backups`, `${c}_capture_maxbytes`, `${c}_events_enabled`, `${c}_syslog`]),
  "environment", "serverurl",
];

describe("supervisord keys.ts against capabilities.ts and options.ts", () => {
  it("every field supervisord stores, exactly or approximately, has a setting the reader maps to it (or a reason it leaves no trace)", () => {
    const missing = SPEC_FIELDS.filter((f) => (supports(f).has("native") || supports(f).has("approximate")) && !fieldsWithSetting.has(f) && !WITHOUT_SETTING[f]);
    expect(missing).toEqual([]);
  });
  it("no setting maps to a field supervisord cannot express, and a field said to leave no trace has no setting", () => {
    expect([...fieldsWithSetting].filter((f) => !supports(f).has("native") && !supports(f).has("approximate"))).toEqual([]);
    expect(Object.keys(WITHOUT_SETTING).filter((f) => fieldsWithSetting.has(f as never))).toEqual([]);
  });
  it("every setting supervisord reads is mapped, an option, or an extra setting, once; options name declared options", () => {
    const kinds = SUPERVISORD_PROGRAM_SETTINGS.map((k) => [k, [k in MAPPED, k in OPTION_SETTINGS, k in EXTRA_SETTINGS].filter(Boolean).length]);
    expect(kinds.filter(([, n]) => n !== 1)).toEqual([]);
    expect([...Object.keys(MAPPED), ...Object.keys(OPTION_SETTINGS), ...Object.keys(EXTRA_SETTINGS)].sort()).toEqual([...SUPERVISORD_PROGRAM_SETTINGS].sort());
    expect(Object.values(OPTION_SETTINGS).filter((o) => !OPTIONS.some((d) => d.name === o))).toEqual([]);
  });
});
