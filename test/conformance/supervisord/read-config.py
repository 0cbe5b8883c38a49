# Reads supervisord configuration files with supervisor's own parser (supervisor.options, the code
# supervisord itself runs) and prints, as JSON, what it makes of each [program:x]: the argv that
# process.py would exec (shlex.split of the expanded command), the environment, and every setting svcgen
# writes. Usage: python3 read-config.py <main.conf>  (the main file includes the generated files).
#
# Two checks of the machine are taken out, because the oracle reads files written for other machines:
# user= is taken as written (supervisord resolves it with getpwnam), and a log file's directory need
# not exist (supervisord requires it). Neither changes how a value is read.
import json
import os
import shlex
import signal
import sys

from supervisor import datatypes, options

datatypes.existing_dirpath = lambda v: v
options.name_to_uid = lambda name: name


def restart(v):
    if v is False:
        return "false"
    if v is datatypes.RestartUnconditionally:
        return "true"
    if v is datatypes.RestartWhenExitUnexpected:
        return "unexpected"
    raise ValueError(v)


def main(path):
    opts = options.ServerOptions()
    opts.configfile = path
    opts.here = os.path.abspath(os.path.dirname(path))
    try:
        section = opts.read_config(path)
    except ValueError as e:
        print(json.dumps({"error": str(e)}))
        return
    programs = {}
    for group in section.process_group_configs:
        for p in group.process_configs:
            try:
                argv = shlex.split(p.command)
            except ValueError as e:
                argv = {"error": str(e)}
            programs[p.name] = {
                "group": group.name,
                "command": p.command,
                "argv": argv,
                "directory": p.directory,
                "user": p.uid,
                "environment": [[k, v] for k, v in p.environment.items()],
                "autostart": p.autostart,
                "autorestart": restart(p.autorestart),
                "exitcodes": p.exitcodes,
                "startsecs": p.startsecs,
                "startretries": p.startretries,
                "stopsignal": signal.Signals(p.stopsignal).name,
                "stopwaitsecs": p.stopwaitsecs,
                "stopasgroup": p.stopasgroup,
                "killasgroup": p.killasgroup,
                "redirect_stderr": p.redirect_stderr,
                "stdout_logfile": p.stdout_logfile if isinstance(p.stdout_logfile, str) or p.stdout_logfile is None else "AUTO",
                "stdout_logfile_maxbytes": p.stdout_logfile_maxbytes,
                "stdout_logfile_backups": p.stdout_logfile_backups,
                "stderr_logfile": p.stderr_logfile if isinstance(p.stderr_logfile, str) or p.stderr_logfile is None else "AUTO",
                "stderr_logfile_maxbytes": p.stderr_logfile_maxbytes,
                "stderr_logfile_backups": p.stderr_logfile_backups,
                "priority": p.priority,
                "umask": p.umask,
            }
    print(json.dumps({"programs": programs, "warnings": opts.parse_warnings}))


main(sys.argv[1])
