#!/usr/bin/python3
"""Seconds from starting a load command until an smtp-sink has received a number of messages.

    delivery_time.py SINK_LOG MESSAGES LABEL [--output FILE [--fail-on TEXT]] -- COMMAND...

SINK_LOG is the output of `smtp-sink -c`, which appends "sess=N quit=N mesg=N" after every
event. The log is followed from where it was read last, so a wait costs a read of what is new
every half millisecond, not a re-read of the whole log (a `grep` over it in a shell loop took
most of a core by the fifth round, taken from whichever side was measured). Python starts
before the clock does.

Prints the seconds on stdout (COMMAND's output goes to --output, or nowhere). Exits non-zero,
saying why on stderr, when COMMAND fails or prints the --fail-on text, when the sink gets more
messages than MESSAGES (duplicates) or when it has fewer 120 s after the start.
"""
import argparse
import os
import re
import subprocess
import sys
import time

COUNTER = re.compile(rb"mesg=(\d+)\r")  # complete entries only
TIMEOUT_S = 120


class SinkLog:
    """The latest message count in an smtp-sink -c log, read incrementally."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDONLY)
        self.tail = b""  # the end of the last read: an entry may continue in the next
        self.count = 0

    def refresh(self):
        while chunk := os.read(self.fd, 1 << 16):
            text = self.tail + chunk
            counts = COUNTER.findall(text)
            if counts:
                self.count = int(counts[-1])
            self.tail = text[-32:]
        return self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sink_log")
    parser.add_argument("messages", type=int)
    parser.add_argument("label")
    parser.add_argument("--output", help="where the command's standard output goes (default: nowhere)")
    parser.add_argument("--fail-on", help="fail at once when the command's output holds this text")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    log = SinkLog(args.sink_log)
    log.refresh()
    out = open(args.output, "w+b") if args.output else subprocess.DEVNULL
    start = time.monotonic()
    status = subprocess.run(args.command, stdout=out).returncode
    if status != 0:
        sys.exit(f"error: {args.label}: {args.command[0]} exited with status {status}")
    if args.fail_on and args.output:
        out.seek(0)
        printed = out.read().decode(errors="replace")
        if args.fail_on in printed:
            sys.exit(f"error: {args.label}: {args.command[0]} printed {args.fail_on!r}:\n{printed}")
    while (count := log.refresh()) < args.messages:
        if time.monotonic() - start > TIMEOUT_S:
            sys.exit(f"error: {args.label}: after {TIMEOUT_S} s the sink has {count} of {args.messages} messages")
        time.sleep(0.0005)
    elapsed = time.monotonic() - start
    if count > args.messages:
        sys.exit(f"error: {args.label}: the sink received {count} messages, only {args.messages} were sent (duplicates)")
    print(f"{elapsed:.6f}")


if __name__ == "__main__":
    main()
