#!/usr/bin/env python3
"""Trims CCP's skill static data to what Cynosure shows: each published skill's group.

    python3 third_party/ccp/sde/extract_skills.py <skills.csv> [<out folder>]

Reads a skills table (columns type_id, name, group_id, group_name, published, ...: every
type of the SDE's category 16 "Skill" with its invGroups group, as described in
README.md next to this script) and writes <out folder>/skill_groups.csv (default:
skills/ next to this script):

    skill_groups.csv   type_id,group_id,group_name

Published skills only (the ones a character can train). Only filtering: every id and
name is copied from the input. Python 3 standard library only; sorted by type_id with
"\\n" line ends, so a re-run on the same input changes nothing.
"""

import csv
import os
import sys


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(__file__), "skills")
    with open(source, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["published"] == "1"]
    if not rows:
        sys.exit(f"{source}: no published skill")
    groups = {}
    for r in rows:
        gid = int(r["group_id"])
        if groups.setdefault(gid, r["group_name"]) != r["group_name"]:
            sys.exit(f"group {gid} has two names")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "skill_groups.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["type_id", "group_id", "group_name"])
        for r in sorted(rows, key=lambda r: int(r["type_id"])):
            w.writerow([int(r["type_id"]), int(r["group_id"]), r["group_name"]])
    print(f"skill_groups.csv: {len(rows)} skills in {len(groups)} groups")


if __name__ == "__main__":
    main()
