#!/usr/bin/env python3
"""What a number of things added to the live heap, from two `jcmd <pid> GC.class_histogram` outputs.

    bench/heap-diff.py BEFORE AFTER COUNT [--top 15]

Prints the live heap added per thing (e.g. per open connection) on its first line, then the classes that
added most, in bytes and instances per thing. bench/run.sh's idle case uses it.
"""
import argparse, re


def histogram(path):
    classes = {}
    for line in open(path):
        row = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if row:
            classes[row.group(3)] = (int(row.group(1)), int(row.group(2)))
    return classes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("count", type=int)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    before, after = histogram(args.before), histogram(args.after)
    added = sorted(((size - before.get(name, (0, 0))[1], count - before.get(name, (0, 0))[0], name)
                    for name, (count, size) in after.items()), reverse=True)
    total = sum(size for size, _, _ in added)
    print(f"live heap {total / args.count / 1024:.1f} KB added per connection")
    for size, count, name in added[:args.top]:
        print(f"{size / args.count:10.0f} B {count / args.count:8.1f} objects  {name}")


if __name__ == "__main__":
    main()
