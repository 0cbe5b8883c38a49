# Reads a supervisord configuration with supervisor's own parser (supervisor.options, the code supervisord
# runs) and prints, as JSON, every process each [program:x] section makes, with every setting supervisord
# keeps for it (ProcessConfig's parameters), keyed by section: what test/conformance/supervisord-import.test.ts
# compares an original file and the file svcgen builds from its import with.
# Usage: python3 read-programs.py <main.conf>
#
# As in read-config.py, two checks of the machine are taken out (the files come from other machines):
# user= is kept as written, and a log file's directory need not exist.
import json
import os
import shlex
import signal
import sys

from supervisor import datatypes, options

datatypes.existing_dirpath = lambda v: os.path.expanduser(v)
options.name_to_uid = lambda name: name


def plain(v):
    if v is datatypes.Automatic:
        return "AUTO"
    if v is datatypes.RestartUnconditionally:
        return "true"
    if v is datatypes.RestartWhenExitUnexpected:
        return "unexpected"
    if isinstance(v, dict):
        return [[k, x] for k, x in v.items()]
    return v


def main(path):
    opts = options.ServerOptions()
    opts.configfile = path
    opts.here = os.path.abspath(os.path.dirname(path))
    by_section = {}
    original = options.ServerOptions.processes_from_section

    def recording(self, parser, section, group_name, klass=None):
        configs = original(self, parser, section, group_name, klass)
        by_section[section] = configs
        return configs

    options.ServerOptions.processes_from_section = recording
    try:
        opts.read_config(path)
    except ValueError as e:
        print(json.dumps({"error": str(e)}))
        return
    out = {}
    for section, configs in by_section.items():
        processes = []
        for p in configs:
            d = {k: plain(getattr(p, k)) for k in p.req_param_names + p.optional_param_names}
            d["stopsignal"] = signal.Signals(p.stopsignal).name
            try:
                d["argv"] = shlex.split(p.command)
            except ValueError as e:
                d["argv"] = {"error": str(e)}
            del d["command"]
            processes.append(d)
        out[section] = processes
    print(json.dumps({"programs": out, "warnings": opts.parse_warnings}))


main(sys.argv[1])
