#!/usr/bin/env python3
"""Trims CCP's planetary-interaction static data to what Cynosure needs.

    python3 third_party/ccp/sde/extract_planetary.py <folder with the SDE CSVs> [<out folder>]

Reads planet_types.csv, pi_types.csv, schematics.csv, pin_types.csv and schematic_pins.csv
(the PI tables of CCP's Static Data Export, as described in README.md next to this script)
and writes six small CSVs into <out folder> (default: planetary/ next to this script):

    planet_types.csv      planet_type_id,planet_type_name,planet_type
    planet_resources.csv  planet_type_id,resource_type_id,resource_type_name
    pin_types.csv         type_id,type_name,kind,planet_type_id
    commodities.csv       type_id,type_name,tier
    schematics.csv        schematic_id,schematic_name,cycle_time_s,output_type_id,output_quantity
    schematic_inputs.csv  schematic_id,input_type_id,input_quantity

Only filtering and renaming: every id, name and number is copied from the input. It
checks what the simulator relies on (8 planet types with 5 resources each, one command
center, extractor control unit, basic industry facility, advanced industry facility,
storage facility and launchpad per planet type, every schematic's inputs and output known)
and stops with an error when the input does not hold. Python 3 standard library only; the
output is deterministic (sorted, "\\n" line ends), so re-running it changes nothing.
"""

import csv
import os
import sys
from collections import defaultdict

# ESI's `planet_type` enum (GET /characters/{character_id}/planets), which names a planet
# type by the word in brackets of its SDE name: "Planet (Temperate)" -> "temperate".
ESI_PLANET_TYPES = {"temperate", "barren", "oceanic", "ice", "gas", "lava", "storm", "plasma"}

# The pin kinds a colony is made of, from the SDE group (and, for processors, from the
# tiers of the schematics planetSchematicsPinMap allows on them).
GROUP_KINDS = {
    1027: "command_center",
    1063: "extractor_control_unit",
    1029: "storage_facility",
    1030: "launchpad",
}
PROCESSOR_KINDS = {
    "P1": "basic_industry_facility",
    "P2;P3": "advanced_industry_facility",
    "P4": "high_tech_production_plant",
}
KIND_OUTPUT_TIERS = {
    "basic_industry_facility": {"P1"},
    "advanced_industry_facility": {"P2", "P3"},
    "high_tech_production_plant": {"P4"},
}
REQUIRED_KINDS = [
    "command_center",
    "extractor_control_unit",
    "basic_industry_facility",
    "advanced_industry_facility",
    "storage_facility",
    "launchpad",
]


class ExtractError(Exception):
    pass


def check(condition, message):
    if not condition:
        raise ExtractError(message)


def read(folder, name):
    path = os.path.join(folder, name)
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        raise ExtractError(f"{path}: {e}") from e


def write(folder, name, header, rows):
    for row in rows:
        for value in row:
            text = str(value)
            # The simulator splits lines on commas: no field may need quoting.
            check(not any(c in text for c in ',"\n\r'), f"{name}: {text!r} would need quoting")
    path = os.path.join(folder, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


def extract(src, out):
    planet_rows = read(src, "planet_types.csv")
    pi_rows = read(src, "pi_types.csv")
    schematic_rows = read(src, "schematics.csv")
    pin_rows = read(src, "pin_types.csv")
    schematic_pin_rows = read(src, "schematic_pins.csv")

    # Commodities P0..P4.
    commodities = {}
    for r in pi_rows:
        check(r["tier"] in {"P0", "P1", "P2", "P3", "P4"}, f"pi_types: tier {r['tier']!r}")
        commodities[int(r["type_id"])] = (r["type_name"], r["tier"])

    # Planet types that can hold a colony: those an extractor names (Shattered has none).
    planet_types = {}
    resources = defaultdict(dict)
    for r in planet_rows:
        if not r["resource_type_id"]:
            continue
        planet_type_id = int(r["planet_type_id"])
        name = r["planet_type_name"]
        check(name.startswith("Planet (") and name.endswith(")"), f"planet name {name!r}")
        planet_types[planet_type_id] = (name, name[len("Planet ("):-1].lower())
        resource = int(r["resource_type_id"])
        check(commodities.get(resource, ("", ""))[1] == "P0",
              f"planet type {planet_type_id}: resource {resource} is not a P0 commodity")
        check(commodities[resource][0] == r["resource_type_name"],
              f"resource {resource}: name {r['resource_type_name']!r}")
        resources[planet_type_id][resource] = r["resource_type_name"]
    check({esi for _, esi in planet_types.values()} == ESI_PLANET_TYPES,
          f"planet types {sorted(planet_types.values())} are not ESI's eight")
    for planet_type_id, rs in resources.items():
        check(len(rs) == 5, f"planet type {planet_type_id} has {len(rs)} resources, not 5")

    # Pin types: the published ones of a colony (not the unpublished upgraded command
    # centers, ESI reports the base type; not the legacy single-resource extractors).
    pins = {}
    for r in pin_rows:
        if r["published"] != "1":
            continue
        group = int(r["group_id"])
        if group == 1028:
            kind = PROCESSOR_KINDS.get(r["schematic_output_tiers"])
            check(kind, f"processor {r['type_id']}: tiers {r['schematic_output_tiers']!r}")
        else:
            kind = GROUP_KINDS.get(group)
        if kind is None:
            continue
        planet_type_id = int(r["planet_type_id"])
        check(planet_type_id in planet_types, f"pin {r['type_id']}: planet type {planet_type_id}")
        pins[int(r["type_id"])] = (r["type_name"], kind, planet_type_id)
    per_planet = defaultdict(lambda: defaultdict(list))
    for type_id, (_, kind, planet_type_id) in pins.items():
        per_planet[planet_type_id][kind].append(type_id)
    for planet_type_id in planet_types:
        for kind in REQUIRED_KINDS:
            found = per_planet[planet_type_id][kind]
            check(len(found) == 1, f"planet type {planet_type_id}: {kind} {found}")
        check(len(per_planet[planet_type_id]["high_tech_production_plant"]) <= 1,
              f"planet type {planet_type_id}: more than one high-tech plant")

    # Schematics: one output each, inputs and output known commodities one tier apart.
    schematics = {}
    inputs = defaultdict(dict)
    for r in schematic_rows:
        sid = int(r["schematic_id"])
        head = (r["schematic_name"], int(r["cycle_time_s"]), int(r["output_type_id"]),
                int(r["output_quantity"]))
        check(schematics.setdefault(sid, head) == head, f"schematic {sid}: outputs differ")
        for column in ("output_type_id", "input_type_id"):
            check(int(r[column]) in commodities, f"schematic {sid}: {column} {r[column]} unknown")
        inputs[sid][int(r["input_type_id"])] = int(r["input_quantity"])

    # The pins a schematic runs on follow from the kinds: check it against the SDE's map,
    # so the extract can leave the 500-row map out.
    allowed = defaultdict(set)
    for r in schematic_pin_rows:
        allowed[int(r["schematic_id"])].add(int(r["pin_type_id"]))
    for sid, (_, _, output, _) in schematics.items():
        tier = commodities[output][1]
        expected = {t for t, (_, kind, _) in pins.items() if tier in KIND_OUTPUT_TIERS.get(kind, ())}
        check(allowed[sid] == expected,
              f"schematic {sid} ({tier}) runs on {sorted(allowed[sid])}, kinds give {sorted(expected)}")

    os.makedirs(out, exist_ok=True)
    counts = {
        "planet_types.csv": write(out, "planet_types.csv",
                                  ["planet_type_id", "planet_type_name", "planet_type"],
                                  [(i, n, e) for i, (n, e) in sorted(planet_types.items())]),
        "planet_resources.csv": write(out, "planet_resources.csv",
                                      ["planet_type_id", "resource_type_id", "resource_type_name"],
                                      [(p, t, n) for p, rs in sorted(resources.items())
                                       for t, n in sorted(rs.items())]),
        "pin_types.csv": write(out, "pin_types.csv",
                               ["type_id", "type_name", "kind", "planet_type_id"],
                               [(t, n, k, p) for t, (n, k, p) in sorted(pins.items())]),
        "commodities.csv": write(out, "commodities.csv", ["type_id", "type_name", "tier"],
                                 [(t, n, tier) for t, (n, tier) in sorted(commodities.items())]),
        "schematics.csv": write(out, "schematics.csv",
                                ["schematic_id", "schematic_name", "cycle_time_s",
                                 "output_type_id", "output_quantity"],
                                [(s, *head) for s, head in sorted(schematics.items())]),
        "schematic_inputs.csv": write(out, "schematic_inputs.csv",
                                      ["schematic_id", "input_type_id", "input_quantity"],
                                      [(s, t, q) for s, ins in sorted(inputs.items())
                                       for t, q in sorted(ins.items())]),
    }
    return counts


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[2] if len(argv) == 3 else os.path.join(here, "planetary")
    try:
        counts = extract(argv[1], out)
    except ExtractError as e:
        print(f"extract_planetary: {e}", file=sys.stderr)
        return 1
    for name, n in counts.items():
        print(f"{os.path.join(out, name)}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
