#!/usr/bin/python3
# The program supervisord runs in test/conformance/supervisord.test.ts. It records what it was given
# (argv, environment, working directory, user) and the signals it gets, one JSON file per event in
# $SVCGEN_PROBE_STATE/<program>/events/, and follows orders the test writes to
# $SVCGEN_PROBE_STATE/<program>/control.json. Bytes are base64 so that nothing is decoded on the way.
#
# A copy whose path has a sibling "<path>.hook" is a preStart hook: it records its start and exits 0.
import base64
import json
import os
import signal
import sys
import time

STATE = os.environ["SVCGEN_PROBE_STATE"]
PROGRAM = os.environ.get("SUPERVISOR_PROCESS_NAME", "unknown")
DIR = os.path.join(STATE, PROGRAM)
EVENTS = os.path.join(DIR, "events")
b64 = lambda b: base64.b64encode(b).decode("ascii")
seq = [0]


def record(kind, **extra):
    seq[0] += 1
    event = {"kind": kind, "pid": os.getpid(), "time": time.time(), **extra}
    name = "%.6f-%d-%d-%s.json" % (time.time(), os.getpid(), seq[0], kind)
    tmp = os.path.join(EVENTS, "." + name)
    with open(tmp, "w") as f:
        json.dump(event, f)
    os.rename(tmp, os.path.join(EVENTS, name))


def control():
    try:
        with open(os.path.join(DIR, "control.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def started(role):
    record(
        "start",
        role=role,
        ppid=os.getppid(),
        pgid=os.getpgid(0),
        script=b64(os.fsencode(sys.argv[0])),
        args=[b64(os.fsencode(a)) for a in sys.argv[1:]],
        env={b64(k): b64(v) for k, v in os.environb.items()},
        cwd=b64(os.getcwdb()),
        uid=os.getuid(),
        gid=os.getgid(),
    )


def on_signal(role):
    def handler(signum, frame):
        record("signal", role=role, signal=signal.Signals(signum).name)
        if not control().get("ignoreStop"):
            sys.exit(0)

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGWINCH):
        signal.signal(s, handler)


def serve(role):
    on_signal(role)
    done = set()
    while True:
        c = control()
        code = c.get("exit", {}).get(str(os.getpid()))
        if code is not None and role == "program":
            record("exit", role=role, code=code)
            sys.exit(code)
        spam = c.get("spam")
        if spam and role == "program" and spam["id"] not in done:
            done.add(spam["id"])
            for i in range(spam["times"]):
                for stream in (sys.stdout, sys.stderr):
                    stream.write(("%s %d %d " % (spam["id"], i, os.getpid())).ljust(spam["bytes"] - 1, "x") + "\n")
                    stream.flush()
                # A pause, so that supervisord reads (and writes, then checks the size) line by line.
                time.sleep(spam.get("pause", 0))
            record("spammed", role=role, id=spam["id"])
        time.sleep(0.05)


def main():
    if os.path.exists(sys.argv[0] + ".hook"):
        started("hook")
        return
    started("program")
    print("probe started %d" % os.getpid(), flush=True)
    print("probe started %d" % os.getpid(), file=sys.stderr, flush=True)
    c = control()
    if c.get("crash"):
        record("crash", role="program")
        sys.exit(3)
    if c.get("child"):
        pid = os.fork()
        if pid == 0:
            started("child")
            serve("child")
            return
    serve("program")


main()
