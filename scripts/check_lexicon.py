#!/usr/bin/env python3
"""Validate dkg lexicon files against docs/lexicon.md (format version 1).

Usage: check_lexicon.py [--alone] [FILE...]

Without FILE, checks every data/lexicon/*.json. With FILE arguments, checks them
on top of data/lexicon (as `dkg --lexicon FILE` loads them on top of the shipped
lexicon), so a user's file may refer to countries and places defined there;
--alone checks only the files given.

Why a separate checker when the C loader also validates: the loader stops at the
first error and cannot know about cross-file policy (an alias shared by two
entities is legal for the loader but usually a data mistake). This script reports
every problem at once, as `FILE: entities[12].aliases[3]: message`, and exits 1.
Python standard library only, so it runs in CI without extra packages.

The slug function here is the reference implementation of the id rule;
scripts/gen_countries.py imports it.
"""

import datetime
import functools
import glob
import json
import os
import re
import sys
import unicodedata

# Aliases (or names, or adjectives) that two entities of the same type may share,
# with the reason. Everything else shared is reported: the extractor could not
# tell the two apart.
ALLOWED_SHARED = {
    "Punjab": "the Indian state and the Pakistani province share the name; the article's "
              "other places decide",
    "Tripoli": "the capital of Libya (place/tripoli) and the Lebanese port "
               "(place/tripoli-lebanon); the country in the article decides",
    "Victoria": "the Australian state (place/victoria) and the capital of Seychelles "
                "(place/victoria-seychelles); both are in the news",
}

ENTITY_KEYS = {
    "id": str, "type": str, "name": str, "aliases": list, "kind": str, "country": str,
    "adjectives": list, "iso2": str, "capital": str, "seat_of": str, "in": str,
    "gender": str, "surname": str, "roles": list,
}
# Which keys make sense for which type; the doc's "required" column is in REQUIRED.
KEYS_FOR_TYPE = {
    "person": {"country", "gender", "surname", "roles", "aliases"},
    "country": {"aliases", "adjectives", "iso2", "capital"},
    "place": {"aliases", "kind", "country", "seat_of", "in"},
    "organization": {"aliases", "kind", "country"},
}
REQUIRED = {"id", "type", "name"}
KINDS = {
    "place": {"city", "province", "region", "venue"},
    "organization": {"igo", "government", "party", "company", "media", "thinktank",
                     "armed-group", "other"},
}
ROLE_KEYS = {"title": str, "of": str, "from": str, "to": str, "rank": (int, float)}
TITLE_KEYS = {"title": str, "aliases": list, "leader": bool, "rank": (int, float),
              "person_cue": bool}
TOP_KEYS = {"dkg_lexicon", "entities", "titles"}

# Letters NFKD does not decompose into a base letter plus accents.
_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
            "þ": "th", "ı": "i", "ħ": "h", "ŀ": "l"}


@functools.lru_cache(maxsize=None)
def strip_accents(text):
    """Remove combining marks and map the few special letters to ASCII."""
    if text.isascii():
        return text
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            continue
        low = ch.lower()
        if low in _SPECIAL:
            rep = _SPECIAL[low]
            out.append(rep if ch == low else rep.capitalize())
        else:
            out.append(ch)
    return "".join(out)


def slug(text):
    """Lower-case, accents removed, every run of other characters turned into '-'."""
    s = strip_accents(text).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def id_slug_ok(ident_slug, name):
    """An id's slug is the name's slug, optionally followed by a qualifier that keeps
    homonyms apart (place/victoria-seychelles, place/kingston-norfolk-island)."""
    base = slug(name)
    return ident_slug == base or ident_slug.startswith(base + "-")


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bounds(text):
    """(first day, last day) covered by YYYY, YYYY-MM or YYYY-MM-DD; None if invalid."""
    m = _DATE_RE.match(text)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = datetime.date(year, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            month = int(m.group(2))
            first = datetime.date(year, month, 1)
            nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
            return first, nxt - datetime.timedelta(days=1)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except ValueError:
        return None


class Checker:
    def __init__(self):
        self.errors = []
        self.warnings = []
        self.entities = {}      # id -> merged view {"type", "file", "path", fields...}
        self.records = []       # (file, path, entity dict) for every well-formed entry
        self.titles = {}
        self.surfaces = []      # (fold key, surface, entity id, type, file, path)

    def error(self, file, path, msg):
        self.errors.append("%s: %s: %s" % (file, path, msg) if path else "%s: %s" % (file, msg))

    def warn(self, file, path, msg):
        self.warnings.append("%s: %s: warning: %s" % (file, path, msg))

    # -- loading -----------------------------------------------------------------
    def load(self, file):
        def no_dup_keys(pairs):
            seen = {}
            for k, v in pairs:
                if k in seen:
                    raise ValueError("duplicate key %r" % k)
                seen[k] = v
            return seen
        try:
            with open(file, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            self.error(file, None, "cannot read: %s" % e)
            return None
        try:
            return json.loads(text, object_pairs_hook=no_dup_keys)
        except json.JSONDecodeError as e:
            self.errors.append("%s:%d:%d: %s" % (file, e.lineno, e.colno, e.msg))
        except ValueError as e:
            self.error(file, None, str(e))
        return None

    # -- per-entry checks ----------------------------------------------------------
    def check_string_list(self, file, path, value):
        if not isinstance(value, list):
            self.error(file, path, "must be an array of strings")
            return []
        good = []
        seen = set()
        for i, s in enumerate(value):
            p = "%s[%d]" % (path, i)
            if not isinstance(s, str) or not s.strip():
                self.error(file, p, "must be a non-empty string")
                continue
            if s != s.strip() or "  " in s:
                self.error(file, p, "stray spaces in %r" % s)
            if s in seen:
                self.error(file, p, "%r repeated" % s)
            seen.add(s)
            good.append((i, s))
        return good

    def check_top(self, file, doc):
        if not isinstance(doc, dict):
            self.error(file, None, "top level must be an object")
            return
        for k in doc:
            if k not in TOP_KEYS:
                self.error(file, k, "unknown key")
        if doc.get("dkg_lexicon") != 1:
            self.error(file, "dkg_lexicon", "must be 1")
        for key, fn in (("entities", self.check_entity), ("titles", self.check_title)):
            if key not in doc:
                continue
            if not isinstance(doc[key], list):
                self.error(file, key, "must be an array")
                continue
            for i, item in enumerate(doc[key]):
                fn(file, "%s[%d]" % (key, i), item)

    def check_entity(self, file, path, e):
        if not isinstance(e, dict):
            self.error(file, path, "must be an object")
            return
        ok = True
        for k, v in e.items():
            if k not in ENTITY_KEYS:
                self.error(file, path + "." + k, "unknown key")
                ok = False
            elif not isinstance(v, ENTITY_KEYS[k]):
                self.error(file, path + "." + k, "must be a %s" %
                           ("string" if ENTITY_KEYS[k] is str else "array"))
                ok = False
        for k in sorted(REQUIRED - set(e)):
            self.error(file, path, "missing %r" % k)
            ok = False
        if not ok:
            return
        etype, ident, name = e["type"], e["id"], e["name"]
        if etype not in KEYS_FOR_TYPE:
            self.error(file, path + ".type", "unknown type %r" % etype)
            return
        prefix, _, rest = ident.partition("/")
        if prefix != etype:
            self.error(file, path + ".id", "%r does not start with %r" % (ident, etype + "/"))
        elif etype == "country":
            if not re.fullmatch(r"[A-Z]{3}", rest):
                self.error(file, path + ".id", "%r: a country id is country/ISO3" % ident)
        elif not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rest):
            self.error(file, path + ".id", "%r is not a slug (expected %r)" %
                       (ident, etype + "/" + slug(name)))
        elif not id_slug_ok(rest, name):
            self.error(file, path + ".id", "%r does not match the name %r (expected %r)" %
                       (ident, name, etype + "/" + slug(name)))
        if name != name.strip() or not name:
            self.error(file, path + ".name", "empty or stray spaces")
        for k in e:
            if k not in REQUIRED and k not in KEYS_FOR_TYPE[etype]:
                self.error(file, path + "." + k, "not a key of a %s" % etype)
        # A repeat of an id only adds aliases or roles, so what the first definition
        # must say (kind, iso2) is not asked of it again.
        first = ident not in self.entities
        if etype in KINDS:
            if "kind" not in e:
                if first:
                    self.error(file, path, "missing 'kind'")
            elif e["kind"] not in KINDS[etype]:
                self.error(file, path + ".kind", "%r is not one of %s" %
                           (e["kind"], ", ".join(sorted(KINDS[etype]))))
        if etype == "country":
            if "iso2" not in e:
                if first:
                    self.error(file, path, "missing 'iso2'")
            elif not re.fullmatch(r"[A-Z]{2}", e["iso2"]):
                self.error(file, path + ".iso2", "%r is not two capital letters" % e["iso2"])
        if "gender" in e and e["gender"] not in ("m", "f"):
            self.error(file, path + ".gender", "must be 'm' or 'f'")
        surfaces = [(path + ".name", name)]
        for key in ("aliases", "adjectives"):
            if key in e:
                for i, s in self.check_string_list(file, path + "." + key, e[key]):
                    surfaces.append(("%s.%s[%d]" % (path, key, i), s))
                    if key == "aliases" and s == name:
                        self.warn(file, "%s.%s[%d]" % (path, key, i), "alias repeats the name")
        roles = []
        for i, r in enumerate(e.get("roles", [])):
            roles.append(self.check_role(file, "%s.roles[%d]" % (path, i), r))
        self.merge(file, path, e, surfaces, roles)

    def check_role(self, file, path, r):
        if not isinstance(r, dict):
            self.error(file, path, "must be an object")
            return None
        for k, v in r.items():
            if k not in ROLE_KEYS:
                self.error(file, path + "." + k, "unknown key")
            elif not isinstance(v, ROLE_KEYS[k]) or isinstance(v, bool):
                self.error(file, path + "." + k, "wrong type")
        for k in ("title", "of"):
            if k not in r:
                self.error(file, path, "missing %r" % k)
        bounds = {}
        for k in ("from", "to"):
            if isinstance(r.get(k), str):
                b = date_bounds(r[k])
                if b is None:
                    self.error(file, path + "." + k, "%r is not a date YYYY[-MM[-DD]]" % r[k])
                else:
                    bounds[k] = b
        if "from" in bounds and "to" in bounds and bounds["from"][0] > bounds["to"][1]:
            self.error(file, path, "from %s is after to %s" % (r["from"], r["to"]))
        return r

    def check_title(self, file, path, t):
        if not isinstance(t, dict):
            self.error(file, path, "must be an object")
            return
        for k, v in t.items():
            if k not in TITLE_KEYS:
                self.error(file, path + "." + k, "unknown key")
            elif not isinstance(v, TITLE_KEYS[k]) or (k == "rank" and isinstance(v, bool)):
                self.error(file, path + "." + k, "wrong type")
        if not isinstance(t.get("title"), str) or not t["title"].strip():
            self.error(file, path, "missing 'title'")
            return
        if "aliases" in t:
            self.check_string_list(file, path + ".aliases", t["aliases"])
        key = t["title"]
        if key in self.titles and self.titles[key] == t:
            self.error(file, path, "title %r repeats %s exactly" % (key, self.titles[key]["@"]))
        self.titles.setdefault(key, dict(t, **{"@": "%s: %s" % (file, path)}))

    # -- merging repeated ids --------------------------------------------------------
    def merge(self, file, path, e, surfaces, roles):
        ident = e["id"]
        where = "%s: %s" % (file, path)
        prev = self.entities.get(ident)
        if prev is None:
            self.entities[ident] = dict(e, **{"@": where})
        else:
            added = False
            for k, v in e.items():
                if k in ("aliases", "adjectives", "roles"):
                    old = prev.get(k, [])
                    new = [x for x in v if x not in old]
                    if new:
                        added = True
                        prev[k] = old + new
                elif k not in prev:
                    prev[k] = v
                    added = True
                elif prev[k] != v:
                    self.error(file, path + "." + k, "%r differs from %r given at %s" %
                               (v, prev[k], prev["@"]))
            if not added:
                self.error(file, path, "repeats %s without adding anything" % prev["@"])
        self.records.append((file, path, e))
        for p, s in surfaces:
            self.surfaces.append((p, s, ident, e["type"], file))

    # -- cross-file checks -------------------------------------------------------------
    def check_refs(self):
        countries = {i[len("country/"):] for i, e in self.entities.items()
                     if e["type"] == "country"}

        def want_country(file, p, code):
            if code not in countries:
                self.error(file, p, "no country %r (country/%s is not defined)" % (code, code))

        def want_id(file, p, ref, prefixes):
            if not any(ref.startswith(x + "/") for x in prefixes):
                self.error(file, p, "%r must be a %s id" % (ref, " or ".join(prefixes)))
            elif ref not in self.entities:
                self.error(file, p, "%r is not defined" % ref)

        for file, path, e in self.records:
            if isinstance(e.get("country"), str):
                want_country(file, path + ".country", e["country"])
            if isinstance(e.get("seat_of"), str):
                want_country(file, path + ".seat_of", e["seat_of"])
            if isinstance(e.get("capital"), str):
                want_id(file, path + ".capital", e["capital"], ("place",))
            if isinstance(e.get("in"), str):
                want_id(file, path + ".in", e["in"], ("place", "country"))
                if e["in"] == e["id"]:
                    self.error(file, path + ".in", "a place cannot be in itself")
            for i, r in enumerate(e.get("roles", [])):
                if not isinstance(r, dict):
                    continue
                p = "%s.roles[%d]" % (path, i)
                of = r.get("of")
                if isinstance(of, str):
                    if "/" in of:
                        want_id(file, p + ".of", of, ("organization",))
                    else:
                        want_country(file, p + ".of", of)
                if isinstance(r.get("title"), str) and r["title"] not in self.titles:
                    self.error(file, p + ".title", "title %r is not defined in any 'titles'" %
                               r["title"])
        # `in` must lead out to a country without going round in circles, and that
        # country is the place's own `country` (the place lies there); a `seat_of`
        # stands for the government of the country the place is in.
        for ident, e in self.entities.items():
            file, _, where = e["@"].partition(": ")
            seen = {ident}
            cur = e.get("in")
            reached = None
            while isinstance(cur, str) and cur in self.entities:
                if cur in seen:
                    self.error(file, where + ".in", "'in' chain of %s loops" % ident)
                    break
                seen.add(cur)
                if cur.startswith("country/"):
                    reached = cur[len("country/"):]
                    break
                cur = self.entities[cur].get("in")
            own = e.get("country")
            if isinstance(own, str) and reached and reached != own:
                self.error(file, where + ".country", "%r, but its 'in' chain leads to country/%s"
                           % (own, reached))
            seat = e.get("seat_of")
            if isinstance(seat, str) and isinstance(own, str) and seat != own:
                self.error(file, where + ".seat_of", "%r, but the place is in %r" % (seat, own))

    def check_shared(self):
        """Two entities of one type answering to the same written form."""
        buckets = {}
        reported = set()
        for p, s, ident, etype, file in self.surfaces:
            buckets.setdefault((etype, strip_accents(s).lower()), []).append((p, s, ident, file))
        for (etype, _), items in sorted(buckets.items()):
            ids = {x[2] for x in items}
            if len(ids) < 2:
                continue
            # Capitalised forms only collide with the same capitals (accents aside);
            # an all-lower-case form matches any case and collides with everything.
            for a in range(len(items)):
                for b in range(a + 1, len(items)):
                    pa, sa, ia, fa = items[a]
                    pb, sb, ib, fb = items[b]
                    if ia == ib:
                        continue
                    same = (strip_accents(sa) == strip_accents(sb) or sa == sa.lower()
                            or sb == sb.lower())
                    if not same or sa in ALLOWED_SHARED or sb in ALLOWED_SHARED:
                        continue
                    if (pb, fb, ia) in reported:
                        continue
                    reported.add((pb, fb, ia))
                    self.error(fb, pb, "%r also names %s (%s: %s); add it to ALLOWED_SHARED in"
                               " scripts/check_lexicon.py with a reason if intended" %
                               (sb, ia, fa, pa))


def default_files(root):
    return sorted(glob.glob(os.path.join(root, "data", "lexicon", "*.json")))


def main(argv):
    args = argv[1:]
    alone = "--alone" in args
    args = [a for a in args if a != "--alone"]
    if any(a.startswith("-") for a in args):
        print("usage: check_lexicon.py [--alone] [FILE...]", file=sys.stderr)
        return 2
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = [] if alone and args else default_files(root)
    rel = [os.path.relpath(f) if not os.path.relpath(f).startswith("..") else f for f in files]
    for a in args:
        if os.path.abspath(a) not in map(os.path.abspath, files):
            rel.append(a)
    if not rel:
        print("check_lexicon.py: no lexicon files", file=sys.stderr)
        return 1
    c = Checker()
    for f in rel:
        doc = c.load(f)
        if doc is not None:
            c.check_top(f, doc)
    c.check_refs()
    c.check_shared()
    for w in c.warnings:
        print(w, file=sys.stderr)
    for e in c.errors:
        print(e, file=sys.stderr)
    counts = {}
    for e in c.entities.values():
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    print("%d files, %d entities (%s), %d titles: %d errors, %d warnings" % (
        len(rel), len(c.entities),
        ", ".join("%d %s" % (n, t) for t, n in sorted(counts.items())) or "none",
        len(c.titles), len(c.errors), len(c.warnings)))
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
