#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal (80x24 unless told) and reports, as one JSON line, what
the benchmark and the first-frame tests need:

- firstFrameMs, firstFrameCpuMs: how long until a marker is on screen (wall; CPU of all the
  program's threads, from /proc);
- firstFrameBytes: bytes written until then and until the program has been quiet for --settle ms;
- firstKeyMs, firstKeyCpuMs (--first-key): a key sent the moment the marker shows, and how long
  until its answer (--first-key-answer, hex bytes; default any output) is on screen: when the
  program is usable (wall; CPU of all its threads);
- keyBytes (--key ...): bytes written in answer to each further key;
- exitCode: how the program ended (None when it had to be killed after the probe was done), and
  terminalModes: whether it left the terminal echoing and editing lines (echo, icanon).

--signal-at-marker NAME sends a signal the moment the marker shows; --dump FILE keeps every byte.
Used by scripts/bench.ts and test/e2e/first-frame.test.ts: python3's pty module is on every
machine we run on, and a real pty is the only way to see what a person's terminal receives.

usage: pty-probe.py --marker TEXT [--cols 80] [--rows 24] [--settle MS] [--first-key HEX
       [--first-key-answer HEX]] [--signal-at-marker NAME] [--key HEX ...] [--dump FILE] -- CMD...
"""
import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(rb'\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--marker', required=True)
    parser.add_argument('--cols', type=int, default=80)
    parser.add_argument('--rows', type=int, default=24)
    parser.add_argument('--settle', type=int, default=250, help='ms of quiet that ends a frame')
    parser.add_argument('--timeout', type=float, default=20.0)
    parser.add_argument('--first-key', help='bytes (hex) to send as soon as the marker shows')
    parser.add_argument('--first-key-answer', default='', help='bytes (hex) that show the first key was answered')
    parser.add_argument('--signal-at-marker', help='signal name (TERM, HUP, INT) to send as soon as the marker shows')
    parser.add_argument('--key', action='append', default=[], help='bytes (hex) to send, one key each')
    parser.add_argument('--dump', help='file to write every byte the program wrote to')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    marker = args.marker.encode()

    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        # The child: give the terminal its size before the program asks for it.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', args.rows, args.cols, 0, 0))
        os.execvp(command[0], command)

    output = bytearray()
    deadline = started + args.timeout
    exit_code = None

    def read_for(seconds):
        """Reads whatever arrives within `seconds`; returns the bytes (b'' on quiet or EOF)."""
        ready, _, _ = select.select([fd], [], [], max(seconds, 0))
        if not ready:
            return b''
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return b''
        output.extend(chunk)
        return chunk

    def settle():
        """Bytes written until the program has been quiet for the settle time."""
        count = 0
        while time.perf_counter() < deadline:
            chunk = read_for(args.settle / 1000)
            if not chunk:
                break
            count += len(chunk)
        return count

    def fail(message):
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
        dump()
        print(json.dumps({'error': message}))
        sys.exit(1)

    def dump():
        if args.dump:
            with open(args.dump, 'wb') as f:
                f.write(output)

    # Until the marker is on screen.
    first_frame_ms = None
    while first_frame_ms is None:
        if time.perf_counter() > deadline:
            fail('marker %r not seen; got %r' % (args.marker, bytes(ANSI.sub(b'', output))[-400:]))
        if not read_for(deadline - time.perf_counter()):
            fail('the program ended before the marker; got %r' % bytes(output)[-400:])
        if marker in ANSI.sub(b'', output):
            first_frame_ms = (time.perf_counter() - started) * 1000
            first_frame_cpu_ms = cpu_ms(pid)

    if args.signal_at_marker:
        os.kill(pid, getattr(signal, 'SIG' + args.signal_at_marker))

    first_key_ms = None
    first_key_cpu_ms = None
    if args.first_key:
        seen = len(output)
        os.write(fd, bytes.fromhex(args.first_key))
        answer = bytes.fromhex(args.first_key_answer)
        while first_key_ms is None:
            if time.perf_counter() > deadline or not read_for(deadline - time.perf_counter()):
                fail('no answer to the first key; got %r' % bytes(output[seen:])[-400:])
            if answer in output[seen:]:
                first_key_ms = (time.perf_counter() - started) * 1000
                first_key_cpu_ms = cpu_ms(pid)

    settle()
    first_frame_bytes = len(output)
    per_key = []
    for key in args.key:
        os.write(fd, bytes.fromhex(key))
        per_key.append(settle())

    # Let a program that was told to quit finish (and flush what it writes at exit), then end it.
    # (Once the program has closed the terminal, reads fail at once: wait on the clock.)
    quit_by = time.perf_counter() + 2
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done != 0:
            exit_code = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() > quit_by:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        if not read_for(0.05):
            time.sleep(0.01)
    # What was written just before the exit.
    while read_for(0):
        pass
    dump()
    # The terminal as the program left it (on Linux the master sees the slave's settings).
    try:
        lflag = termios.tcgetattr(fd)[3]
        modes = {'echo': bool(lflag & termios.ECHO), 'icanon': bool(lflag & termios.ICANON)}
    except termios.error:
        modes = None
    print(json.dumps({
        'firstFrameMs': first_frame_ms,
        'firstFrameCpuMs': first_frame_cpu_ms,
        'firstFrameBytes': first_frame_bytes,
        'firstKeyMs': first_key_ms,
        'firstKeyCpuMs': first_key_cpu_ms,
        'keyBytes': per_key,
        'exitCode': exit_code,
        'terminalModes': modes,
    }))


def cpu_ms(pid):
    """CPU time the program has used so far, all its threads (Linux: schedstat, in ns); unlike
    wall time it hardly changes with other load on the machine. None where it cannot be read."""
    try:
        total = 0
        for task in os.listdir('/proc/%d/task' % pid):
            with open('/proc/%d/task/%s/schedstat' % (pid, task)) as f:
                total += int(f.read().split()[0])
        return total / 1e6
    except (OSError, ValueError, IndexError):
        return None


if __name__ == '__main__':
    main()
