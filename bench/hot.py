#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go (bench/run.sh --profile writes one per workload).

    bench/hot.py bench/target/list.jfr [--top 25] [--java /path/to/jdk/bin/java]

Prints where the samples go by part of the request path, twice: inclusive (a sample counts for every
part on its stack, so the parts overlap) and by own time (a sample counts once, for the part of the
innermost frame outside the JDK's own packages, so the parts add up to 100 %); then the methods with the
most samples of their own.
"""
import argparse, collections, json, os, subprocess, sys

# Inclusive parts of the request path: a sample counts for a part when any frame of its stack matches.
PARTS = [
    ("HTTP container (Tomcat, servlet filters)", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
    ("Spring Security filter chain", ("org.springframework.security.",)),
    ("token verification (issuegraph identity + Nimbus)", ("io.issuegraph.identity.", "com.nimbusds.")),
    ("Micrometer observations and metrics", ("io.micrometer.",)),
    ("Spring for GraphQL", ("org.springframework.graphql.",)),
    ("graphql-java parse and validate", ("graphql.parser.", "graphql.validation.", "graphql.language.")),
    ("graphql-java instrumentation", ("graphql.execution.instrumentation.", "graphql.analysis.")),
    ("graphql-java execution", ("graphql.execution.",)),
    ("Reactor", ("reactor.",)),
    ("Jackson", ("com.fasterxml.jackson.", "tools.jackson.")),
    ("JDBC (HikariCP, Connector/J, Spring JDBC)", ("com.zaxxer.", "com.mysql.", "org.springframework.jdbc.")),
    ("transactions", ("org.springframework.transaction.",)),
    ("logging", ("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
    ("issuegraph's own code", ("io.issuegraph.",)),
    ("context propagation", ("io.micrometer.context.", "org.springframework.core.task.")),
    ("graphql-java schema and data fetchers", ("graphql.schema.", "graphql.")),
    ("Spring Framework (MVC, core)", ("org.springframework.",)),
]
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


def frames(event):
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in event["values"]["stackTrace"]["frames"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--java", default=os.environ.get("BENCH_JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"))
    args = parser.parse_args()
    jfr = os.path.join(os.path.dirname(args.java), "jfr")
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample",
                          args.recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    total = len(events)
    if not total:
        sys.exit("no execution samples")
    parts = collections.Counter()
    owner = collections.Counter()
    own = collections.Counter()
    for event in events:
        stack = frames(event)
        if stack:
            own[stack[0]] += 1
        for name, prefixes in PARTS:
            if any(frame.startswith(prefixes) for frame in stack):
                parts[name] += 1
        owner[next((name for frame in stack if not frame.startswith(JDK)
                    for name, prefixes in PARTS if frame.startswith(prefixes)), "the JDK alone (threads, I/O)")] += 1
    print(f"{args.recording}: {total} execution samples")
    print("\n| part of the request path | inclusive | own |\n|---|---|---|")
    for name in [name for name, _ in PARTS] + ["the JDK alone (threads, I/O)"]:
        print(f"| {name} | {100 * parts[name] / total:.1f} % | {100 * owner[name] / total:.1f} % |")
    print(f"\n| method (self) | share |\n|---|---|")
    for method, count in own.most_common(args.top):
        print(f"| `{method}` | {100 * count / total:.1f} % |")


if __name__ == "__main__":
    main()
