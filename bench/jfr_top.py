#!/usr/bin/env python3
"""Where the time goes: the top frames of a JFR recording's execution samples (Java code) and native
method samples (threads inside a native call, here OpenBLAS), as percentages of all samples.

    GDFLOW_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/gdflow.jfr,settings=profile' \\
        ./gdflow bench --backend nd4j --workload medium
    python3 bench/jfr_top.py /tmp/gdflow.jfr [--top 15]
"""
import argparse
import collections
import json
import subprocess


def frames(recording, event):
    out = subprocess.run(["jfr", "print", "--json", "--events", event, recording], check=True,
                         capture_output=True, text=True).stdout
    for e in json.loads(out)["recording"]["events"]:
        stack = (e["values"].get("stackTrace") or {}).get("frames") or []
        if stack:
            m = stack[0]["method"]
            yield f'{m["type"]["name"]}.{m["name"]}'
        else:
            yield "(no stack)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    counts = collections.Counter()
    for event, tag in (("jdk.ExecutionSample", "java"), ("jdk.NativeMethodSample", "native")):
        for frame in frames(args.recording, event):
            counts[(tag, frame)] += 1
    total = sum(counts.values())
    print(f"{total} samples")
    for (tag, frame), n in counts.most_common(args.top):
        print(f"{100 * n / total:5.1f} %  {tag:6s} {frame}")


if __name__ == "__main__":
    main()
