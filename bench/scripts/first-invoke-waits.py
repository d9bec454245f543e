#!/usr/bin/env python3
"""How a first invoke's wall-clock time splits into running and waiting on a socket (DynamoDB Local, the
AWS stand-ins), from async-profiler's collapsed wall-clock stacks (one file per child JVM).

  mvn -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory=/tmp/ap
  (cd /tmp/ap && unzip -q -o async-profiler-4.1.jar)
  rm -rf /tmp/wall && mkdir /tmp/wall
  java "-Dbench.childFlags=-agentpath:/tmp/ap/linux-x64/libasyncProfiler.so=start,event=wall,interval=1000000,file=/tmp/wall/%p.txt,collapsed" \\
      -jar bench/target/promptly-bench.jar cold --runs 2 --modes plain
  python3 bench/scripts/first-invoke-waits.py /tmp/wall/*.txt

Samples are 1 ms of the handler thread inside handleRequest (the first invoke; the runtime client's own
fetch of the event is outside it). One row per handler class, one "run / wait" pair per child JVM, and for
waits the Promptly method that made the call.
"""
import collections
import re
import sys

HANDLER = re.compile(r'(?:dev/promptly/functions/[a-z]+/|dev/promptly/bench/baseline/)([A-Za-z]+Handler)\.handleRequest')
SOCKET = ('socketRead', 'SocketInputStream.read', 'NioSocketImpl', 'Net.poll')

rows = collections.defaultdict(list)
callers = collections.defaultdict(collections.Counter)
for path in sys.argv[1:]:
    handler, running, waiting = None, 0, 0
    with open(path) as lines:
        for line in lines:
            stack, _, count = line.rstrip().rpartition(' ')
            match = HANDLER.search(stack)
            if not match:
                continue
            handler = match.group(1)
            if any(marker in stack for marker in SOCKET):
                waiting += int(count)
                ours = [frame for frame in stack.split(';') if frame.startswith('dev/promptly/') and 'Handler' not in frame]
                callers[handler][ours[-1].split('/')[-1] if ours else '?'] += int(count)
            else:
                running += int(count)
    if handler:
        rows[handler].append((running, waiting))

print('| handler | first invoke, ms running / waiting on a socket, per JVM | waits by caller (ms, all JVMs) |')
print('| --- | --- | --- |')
for handler in sorted(rows):
    pairs = ', '.join(f'{r} / {w}' for r, w in rows[handler])
    top = ', '.join(f'{name} {ms}' for name, ms in callers[handler].most_common(3))
    print(f'| {handler} | {pairs} | {top} |')
