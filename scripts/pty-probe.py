#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal (80x24 unless told) and reports, as one JSON line, what
the benchmark needs: how long until a marker is on screen, how many bytes that first frame took,
and how many bytes each key that follows makes the program write.

Used by scripts/bench.ts; python3's pty module is on every machine we run on, and a real pty is
the only way to see what a person's terminal receives.

usage: pty-probe.py --marker TEXT [--cols 80] [--rows 24] [--settle MS] [--key HEX ...] -- CMD...
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
    parser.add_argument('--key', action='append', default=[], help='bytes to send, hex')
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
    first_frame_ms = None
    first_frame_cpu_ms = None
    deadline = started + args.timeout

    def read_for(seconds):
        """Reads whatever arrives within `seconds`; returns the bytes (b'' on quiet or EOF)."""
        ready, _, _ = select.select([fd], [], [], max(seconds, 0))
        if not ready:
            return b''
        try:
            return os.read(fd, 65536)
        except OSError:
            return b''

    # Until the marker is on screen.
    while first_frame_ms is None:
        if time.perf_counter() > deadline:
            fail(pid, 'marker %r not seen; got %r' % (args.marker, bytes(ANSI.sub(b'', output))[-400:]))
        chunk = read_for(deadline - time.perf_counter())
        if not chunk:
            fail(pid, 'the program ended before the marker; got %r' % bytes(output)[-400:])
        output += chunk
        if marker in ANSI.sub(b'', output):
            first_frame_ms = (time.perf_counter() - started) * 1000
            first_frame_cpu_ms = cpu_ms(pid)

    def settle():
        """Bytes written until the program has been quiet for the settle time."""
        got = bytearray()
        while time.perf_counter() < deadline:
            chunk = read_for(args.settle / 1000)
            if not chunk:
                break
            got += chunk
        return got

    output += settle()
    first_frame_bytes = len(output)
    per_key = []
    for key in args.key:
        os.write(fd, bytes.fromhex(key))
        per_key.append(len(settle()))

    # Let a program that was told to quit finish (and flush what it writes at exit), then end it.
    for _ in range(40):
        if os.waitpid(pid, os.WNOHANG)[0] != 0:
            break
        read_for(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    print(json.dumps({'firstFrameMs': first_frame_ms, 'firstFrameCpuMs': first_frame_cpu_ms, 'firstFrameBytes': first_frame_bytes, 'keyBytes': per_key}))


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


def fail(pid, message):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
    print(json.dumps({'error': message}))
    sys.exit(1)


if __name__ == '__main__':
    main()
