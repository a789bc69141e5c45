#!/usr/bin/env python3
"""Generate data/lexicon/countries.json from iso-codes and our hand-written extras.

Usage: gen_countries.py [--check] [--iso FILE] [--extras FILE] [-o FILE]

Inputs: Debian's iso-codes list of ISO 3166-1 (/usr/share/iso-codes/json/
iso_3166-1.json: alpha_3, alpha_2, name, official_name, common_name) and
data/lexicon-src/country_extras.json, which gives per ISO3 what the standard does
not: the name the press uses (`name`), press aliases, ISO names to `drop`,
adjectives and demonyms, and the capital's place id. Codes missing from ISO
(Kosovo, XKX) come entirely from the extras and must then give `name` and `iso2`.

Why generate instead of hand-writing: the 249 ISO entries and their official names
are facts best taken from the standard's machine-readable list, while everything
that is judgement (how newspapers write a name) stays small and reviewable in the
extras file. Output is deterministic (sorted by ISO3, one entity per line) so a
regeneration shows as a small diff; --check exits 1 when the file is stale.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_lexicon import slug  # noqa: E402  (shared slug rule)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
EXTRAS = os.path.join(ROOT, "data", "lexicon-src", "country_extras.json")
OUT = os.path.join(ROOT, "data", "lexicon", "countries.json")
EXTRA_KEYS = {"name", "iso2", "aliases", "drop", "adjectives", "capital", "_comment"}


def usable_iso_name(s):
    """ISO's inverted forms ("Korea, Republic of") and glosses in brackets are not
    how anybody writes a country in running text."""
    return s and "," not in s and "(" not in s


def build(iso_path, extras_path):
    with open(iso_path, encoding="utf-8") as f:
        iso = {e["alpha_3"]: e for e in json.load(f)["3166-1"]}
    with open(extras_path, encoding="utf-8") as f:
        extras = json.load(f)
    extras.pop("_comment", None)
    problems = []
    for code in sorted(set(iso) - set(extras)):
        problems.append("%s: no entry in the extras file" % code)
    entities = []
    for code in sorted(set(iso) | set(extras)):
        x = extras.get(code, {})
        for k in x:
            if k not in EXTRA_KEYS:
                problems.append("%s: unknown key %r in extras" % (code, k))
        e = iso.get(code, {})
        if not e and not ("name" in x and "iso2" in x):
            problems.append("%s: not in ISO 3166-1, so the extras must give name and iso2" % code)
            continue
        name = x.get("name") or e.get("common_name") or e["name"]
        iso2 = x.get("iso2") or e["alpha_2"]
        drop = set(x.get("drop", [])) | {name}
        aliases = []
        candidates = list(x.get("aliases", []))
        for k in ("name", "common_name", "official_name"):
            s = e.get(k, "")
            if s.startswith("the "):
                s = s[4:]
            if usable_iso_name(s):
                candidates.append(s)
        for s in candidates:
            if s not in drop and s not in aliases:
                aliases.append(s)
        ent = {"id": "country/" + code, "type": "country", "name": name, "iso2": iso2}
        if aliases:
            ent["aliases"] = aliases
        if x.get("adjectives"):
            ent["adjectives"] = list(x["adjectives"])
        if x.get("capital"):
            cap = x["capital"]
            if not cap.startswith("place/") or slug(cap[6:]) != cap[6:]:
                problems.append("%s: capital %r is not a place id" % (code, cap))
            ent["capital"] = cap
        entities.append(ent)
    return entities, problems


def render(entities):
    lines = [json.dumps(e, ensure_ascii=False) for e in entities]
    return ('{"dkg_lexicon": 1,\n "entities": [\n  ' + ",\n  ".join(lines) + "\n ]}\n")


def main(argv):
    args = argv[1:]
    check = False
    iso, extras, out = ISO, EXTRAS, OUT
    while args:
        a = args.pop(0)
        if a == "--check":
            check = True
        elif a in ("--iso", "--extras", "-o") and args:
            v = args.pop(0)
            if a == "--iso":
                iso = v
            elif a == "--extras":
                extras = v
            else:
                out = v
        else:
            print("usage: gen_countries.py [--check] [--iso FILE] [--extras FILE] [-o FILE]",
                  file=sys.stderr)
            return 2
    entities, problems = build(iso, extras)
    for p in problems:
        print("gen_countries.py: %s" % p, file=sys.stderr)
    if problems:
        return 1
    text = render(entities)
    bare = [e["id"] for e in entities if "adjectives" not in e]
    if check:
        try:
            with open(out, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = None
        if current != text:
            print("gen_countries.py: %s is stale; run scripts/gen_countries.py" % out,
                  file=sys.stderr)
            return 1
        print("%s is up to date (%d countries)" % (out, len(entities)))
        return 0
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out)
    print("wrote %s: %d countries, %d without adjectives (%s)" % (
        out, len(entities), len(bare), " ".join(bare)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
