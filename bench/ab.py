#!/usr/bin/env python3
"""Two versions of a path compared inside one launch of the server (bench/RESULTS.md, 2026-12-07, evening).

The cost of a delivery moves by up to 1.9x from one launch of the same jar to the next, so two jars compared
launch against launch need many launches. Here one experiment build holds both versions and takes one or the
other as a flag file is absent (A) or present (B); this script switches it every WINDOW seconds while
bench/run.sh runs, and writes for each window: the version, the server's CPU (user + system), MariaDB's
statements (Questions) and the issues created (the rise of the largest id).

    bench/ab.py record OUT FLAG [--window 10]   # beside bench/run.sh, until killed
    bench/ab.py report OUT FROM TO [--request-ms MS] [--subscribers N]

report compares the windows that ended between FROM and TO (HH:MM:SS): requests (a list is one statement,
a create three) per CPU-second and, given the CPU of a request measured without subscribers in the same
launch (--request-ms) and every event reaching all N subscribers, the CPU per delivery. Each window is set
against the mean of its neighbours of the other version, so a drift through the run counts alike for both.
"""
import argparse, os, re, statistics, subprocess, sys, time

BENCH = os.path.dirname(os.path.abspath(__file__))


def server_pid():
    """The measured server: not the AOT training run, not the floors."""
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read().split(b'\0')
        except OSError:
            continue
        if cmd and cmd[0].endswith(b'java') and b'issuegraph.jar' in cmd and not any(b'AOTCacheOutput' in a for a in cmd):
            return pid
    return None


def cpu_seconds(pid):
    try:
        fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError):
        return None


def database():
    """MariaDB's Questions and the largest issue id, from bench/run.sh's own MariaDB."""
    try:
        out = subprocess.run(['mariadb', '--no-defaults', f'--socket={BENCH}/target/mariadb/mysql.sock', '-uroot',
                              '--batch', '--skip-column-names', '-e',
                              "SHOW GLOBAL STATUS LIKE 'Questions'; SELECT COALESCE(MAX(id), 0) FROM issuegraph.issues"],
                             capture_output=True, text=True, timeout=5).stdout.split()
        return int(out[1]), int(out[2])
    except (OSError, subprocess.SubprocessError, IndexError, ValueError):
        return None


def record(args):
    out = open(args.out, 'w', buffering=1)
    version, before = 'B', None
    while True:
        pid = server_pid()
        now = (pid, cpu_seconds(pid) if pid else None, database(), time.time())
        if before and before[0] == pid and None not in (now[1], now[2], before[1], before[2]):
            out.write(f"{time.strftime('%H:%M:%S')} {version} cpu={now[1] - before[1]:.2f} "
                      f"q={now[2][0] - before[2][0]} creates={now[2][1] - before[2][1]} dt={now[3] - before[3]:.2f}\n")
        version = 'A' if version == 'B' else 'B'
        if version == 'B':
            open(args.flag, 'w').close()
        elif os.path.exists(args.flag):
            os.remove(args.flag)
        before = now
        time.sleep(args.window)


def report(args):
    windows = []
    for line in open(args.out):
        m = re.match(r'(\S+) ([AB]) cpu=(\S+) q=(\d+) creates=(\d+) dt=(\S+)', line)
        if m and args.since <= m[1] <= args.until and float(m[3]) > 0:
            cpu, statements, creates = float(m[3]), int(m[4]), int(m[5])
            requests = statements - 2 * creates
            measures = {'requests per CPU-second': requests / cpu, 'requests a second': requests / float(m[6])}
            if args.request_ms and creates:
                measures['CPU per delivery (µs)'] = (cpu - requests * args.request_ms / 1000) / (
                        creates * args.subscribers) * 1e6
            windows.append((m[1], m[2], measures))
    for end, version, measures in windows:
        print(end, version, '  '.join(f'{k} {v:,.2f}' for k, v in measures.items()))
    for measure in windows[0][2] if windows else []:
        diffs = []
        for i, (_, version, measures) in enumerate(windows):
            others = [windows[j][2][measure] for j in (i - 1, i + 1)
                      if 0 <= j < len(windows) and windows[j][1] != version and measure in windows[j][2]]
            if others and measure in measures:
                diffs.append((measures[measure] - statistics.mean(others)) * (1 if version == 'A' else -1))
        means = {v: statistics.mean(w[2][measure] for w in windows if w[1] == v and measure in w[2]) for v in 'AB'}
        error = statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else float('nan')
        print(f"{measure}: A {means['A']:,.2f}, B {means['B']:,.2f}; A − B {statistics.mean(diffs):+,.2f} "
              f"± {error:,.2f} (standard error, {len(diffs)} windows)")


parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
commands = parser.add_subparsers(required=True)
rec = commands.add_parser('record')
rec.add_argument('out')
rec.add_argument('flag')
rec.add_argument('--window', type=float, default=10)
rec.set_defaults(run=record)
rep = commands.add_parser('report')
rep.add_argument('out')
rep.add_argument('since')
rep.add_argument('until')
rep.add_argument('--request-ms', type=float)
rep.add_argument('--subscribers', type=int, default=1000)
rep.set_defaults(run=report)
args = parser.parse_args()
args.run(args)
