#!/usr/bin/env python3
"""Generate a synthetic dkg graph file (format: docs/graph-format.md) for benchmarks.

    python3 bench/gen_graph.py --entities 100000 --relations 1000000 -o big.json

The graph looks like news: a few hundred countries, places and organizations,
and many people whose popularity is skewed (a handful of leaders meet many
counterparts, most people appear a few times). Relations are mostly meetings,
then visits, calls, roles and the rest; statuses mostly occurred; dates of every
precision (day, month, year, none). Every derived field the loader checks (node
mentions, articles, first/last seen, document mentions) is computed from the
documents, and records come out in the canonical order, so `dkg` loads the file
as it would one it wrote itself. Same arguments and --seed, same bytes.

Person names used by bench/bench_query.sh: the busiest person is "Person 0"
(id person/person-0) and every name "Person N" exists for N < number of people.
"""
import argparse
import json
import random
import sys

TYPES = [("meet", 60), ("visit", 14), ("call", 10), ("role", 5), ("agree", 4),
         ("support", 3), ("appeal", 2), ("aid", 2)]
CAMEO = {"meet": "040", "call": "040", "visit": "042", "agree": "057", "aid": "070",
         "appeal": "020", "support": "050"}
STATUSES = [("occurred", 80), ("planned", 15), ("negated", 5)]
VERBS = {"meet": "met", "call": "spoke by phone with", "visit": "visited", "role": "serves",
         "agree": "signed an agreement with", "support": "backed", "appeal": "urged",
         "aid": "pledged aid to"}


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.random() * total
    for item, w in table:
        x -= w
        if x < 0:
            return item
    return table[-1][0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entities", type=int, default=100000)
    ap.add_argument("--relations", type=int, default=1000000)
    ap.add_argument("--relations-per-doc", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    n_countries = min(200, max(1, args.entities // 100))
    n_places = max(1, args.entities // 20)
    n_orgs = max(1, args.entities // 50)
    n_people = max(2, args.entities - n_countries - n_places - n_orgs)
    # Three-letter codes "CAA".. from the index, all upper case like ISO 3166 alpha-3.
    countries = ["".join(chr(65 + (i // 26 ** k) % 26) for k in (2, 1, 0))
                 for i in range(n_countries)]
    nodes = {}  # id -> [type, name, country, aliases, roles]
    people, places, orgs, country_ids = [], [], [], []
    for i, code in enumerate(countries):
        nid = "country/" + code
        nodes[nid] = ["country", "Country %s" % code, code, ["Country %s" % code], []]
        country_ids.append(nid)
    for i in range(n_places):
        nid = "place/place-%d" % i
        name = "Place %d" % i
        nodes[nid] = ["place", name, rng.choice(countries), [name], []]
        places.append(nid)
    for i in range(n_orgs):
        nid = "organization/org-%d" % i
        name = "Org %d" % i
        nodes[nid] = ["organization", name, None, [name], []]
        orgs.append(nid)
    for i in range(n_people):
        nid = "person/person-%d" % i
        name = "Person %d" % i
        # Some accents, so folding has work to do.
        aliases = [name, "Pérsön %d" % i] if i % 7 == 0 else [name]
        nodes[nid] = ["person", name, rng.choice(countries), aliases, []]
        people.append(nid)

    def person():
        # Skewed: low indices are the busy leaders.
        return people[min(n_people - 1, int(n_people * rng.random() ** 3))]

    n_docs = (args.relations + args.relations_per_doc - 1) // args.relations_per_doc
    docs = []
    edges = []
    mentions = {}  # node id -> [mentions, articles, first_seen, last_seen]
    made = 0
    for d in range(n_docs):
        doc_id = "doc-%07d" % d
        year = 2015 + rng.randrange(11)
        doc_date = "%04d-%02d-%02d" % (year, 1 + rng.randrange(12), 1 + rng.randrange(28))
        doc_mentions = {}
        start = 0
        for _ in range(min(args.relations_per_doc, args.relations - made)):
            typ = weighted(rng, TYPES)
            src = person()
            title = None
            if typ == "visit":
                dst = rng.choice(places)
            elif typ == "role":
                dst = rng.choice(country_ids)
                title = rng.choice(["President", "Prime Minister", "Foreign Minister"])
            elif typ in ("aid", "appeal", "support") and rng.random() < 0.3:
                dst = rng.choice(orgs)
            else:
                dst = person()
                while dst == src:
                    dst = person()
            status = "occurred" if typ == "role" else weighted(rng, STATUSES)
            p = rng.random()
            if p < 0.70:
                date = doc_date
            elif p < 0.85:
                date = doc_date[:7]
            elif p < 0.90:
                date = doc_date[:4]
            else:
                date = None
            place = rng.choice(places) if typ == "meet" and rng.random() < 0.6 else None
            text = "%s %s %s." % (nodes[src][1], VERBS[typ], nodes[dst][1])
            end = start + len(text.encode())
            edges.append((doc_id, start, end, typ, src, dst, status, date, place, title, text))
            start = end + 1
            for ent in (src, dst) + ((place,) if place else ()):
                doc_mentions[ent] = doc_mentions.get(ent, 0) + 1
            made += 1
        for ent, count in doc_mentions.items():
            m = mentions.setdefault(ent, [0, 0, doc_date, doc_date])
            m[0] += count
            m[1] += 1
            m[2] = min(m[2], doc_date)
            m[3] = max(m[3], doc_date)
        docs.append((doc_id, doc_date, start, doc_mentions))

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out.write('{"dkg_graph": 1,\n"documents": [\n')
    for i, (doc_id, date, nbytes, dm) in enumerate(docs):
        rec = {"id": doc_id, "source": "synthetic/%s.txt" % doc_id, "date": date,
               "title": "Synthetic article %s" % doc_id, "bytes": nbytes,
               "mentions": dict(sorted(dm.items()))}
        out.write(dump(rec) + (",\n" if i + 1 < len(docs) else "\n"))
    out.write('],\n"nodes": [\n')
    ids = sorted(nodes)
    for i, nid in enumerate(ids):
        typ, name, country, aliases, roles = nodes[nid]
        m = mentions.get(nid, [0, 0, None, None])
        rec = {"id": nid, "type": typ, "name": name, "known": True, "country": country,
               "aliases": sorted(aliases, key=lambda s: s.encode()), "roles": roles,
               "mentions": m[0], "articles": m[1], "first_seen": m[2], "last_seen": m[3]}
        out.write(dump(rec) + (",\n" if i + 1 < len(ids) else "\n"))
    out.write('],\n"edges": [\n')
    for i, (doc_id, start, end, typ, src, dst, status, date, place, title, text) in \
            enumerate(edges):
        rec = {"doc": doc_id, "type": typ, "source": src, "target": dst, "status": status,
               "date": date, "place": place, "host": None, "title": title, "rule": "synthetic",
               "cameo": CAMEO.get(typ), "evidence": {"start": start, "end": end, "text": text}}
        out.write(dump(rec) + (",\n" if i + 1 < len(edges) else "\n"))
    out.write("]\n}\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
