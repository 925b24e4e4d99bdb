#!/usr/bin/env python3
"""Peak heap of a massif run grouped by the innermost digest function on each stack.

valgrind --tool=massif --depth=40 --massif-out-file=OUT target/release/digest build --root DIR
python3 benches/massif_by_fn.py OUT [peak|SNAPSHOT] [ROWS]
"""
import re, sys, collections
lines = open(sys.argv[1]).read().split("\n")
# find peak snapshot
i = 0; peak_start = None
snaps = []
while i < len(lines):
    if lines[i].startswith("snapshot="):
        snaps.append(i)
    i += 1
target = None
for s in snaps:
    j = s
    while j < len(lines) and not lines[j].startswith("heap_tree="): j += 1
    if lines[j].strip() == "heap_tree=peak": target = j
want = sys.argv[2] if len(sys.argv) > 2 else "peak"
if want != "peak":
    s = snaps[int(want)]; j = s
    while not lines[j].startswith("heap_tree="): j += 1
    target = j
print(lines[target-3:target])
node_re = re.compile(r"^( *)n(\d+): (\d+) (.*)$")
agg = collections.Counter()
stack = []  # (depth, frame)
import os, glob
OURS = set(os.path.basename(f) for f in glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "**", "*.rs"), recursive=True)) - {"mod.rs"}
def own(frame):
    m = re.search(r"\(([^ :()]+\.rs:\d+)\)", frame)
    if m and m.group(1).split(":")[0] in OURS and "registry" not in frame and "library/" not in frame:
        fn = frame.split(": ",1)[1] if ": " in frame else frame
        fn = re.sub(r" \(.*$", "", fn)
        return m.group(1) + " " + fn
    return None
j = target + 1
while j < len(lines):
    m = node_re.match(lines[j])
    if not m: break
    depth = len(m.group(1)); nchild = int(m.group(2)); size = int(m.group(3)); frame = m.group(4)
    stack = [s for s in stack if s[0] < depth]
    stack.append((depth, frame))
    if nchild == 0:
        label = None
        for d, f in stack:
            o = own(f)
            if o: label = o; break
        agg[label or ("(no own frame) " + stack[-1][1][:80])] += size
    j += 1
tot = sum(agg.values())
print("total", tot)
for k, v in agg.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 30):
    print(f"{v/1e6:8.2f} MB  {k[:150]}")
