#!/usr/bin/env python3
"""Write tests/fixtures/export/special.json, the graph every export test reads.

Its names hold what breaks exporters: quotes, commas, a newline, '<' and '&',
non-ASCII letters and a control character (BEL), and it has dates of every
precision, every status, undated relations and an isolated node. The derived
node fields (mentions, articles, first_seen, last_seen) are computed here from
the documents table, as the graph loader requires. Run it after changing the
data below and review the diff: python3 tests/export/make_fixture.py
"""
import json
import os

DOCS = [
    {"id": "doc-a", "source": "samples/a.txt", "date": "2025-12-04",
     "title": 'Macron & Xi: "talks" <Beijing>', "bytes": 900,
     "mentions": {"person/emmanuel-macron": 3, "person/xi-jinping": 2, "place/beijing": 1,
                  "organization/alpha-omega": 1, "person/jean-newline": 1,
                  "country/FRA": 1}},
    {"id": "doc-b", "source": "samples/b.txt", "date": "2025-11-20",
     "title": "Erdoğan calls, Paris listens", "bytes": 700,
     "mentions": {"person/emmanuel-macron": 1, "person/recep-tayyip-erdogan": 2,
                  "organization/quoted-group": 1, "person/ctrl-char": 1, "place/beijing": 1,
                  "country/CHN": 1, "person/zoe-isolee": 1}},
]

NODES = {
    "person/emmanuel-macron": ("person", "Emmanuel Macron", "FRA", True,
                               ["Emmanuel Macron", "Macron", "The French leader"],
                               [{"title": "President", "of": "country/FRA"}]),
    "person/xi-jinping": ("person", "Xi Jinping", "CHN", True, ["Xi", "Xi Jinping"], []),
    "person/recep-tayyip-erdogan": ("person", "Recep Tayyip Erdoğan", "TUR", True,
                                    ["Erdoğan", "Recep Tayyip Erdoğan"], []),
    "organization/quoted-group": ("organization", 'The "Quoted", Group', None, False,
                                  ['The "Quoted", Group'], []),
    "person/jean-newline": ("person", "Jean\nNewline", "FRA", False, ["Jean\nNewline"], []),
    "organization/alpha-omega": ("organization", "<Alpha> & Omega", None, False,
                                 ["<Alpha> & Omega"], []),
    "person/ctrl-char": ("person", "Ctrl\u0007Char", "CHN", False, ["Ctrl\u0007Char"], []),
    "place/beijing": ("place", "Beijing", "CHN", True, ["Beijing"], []),
    "country/FRA": ("country", "France", "FRA", True, ["France", "French"], []),
    "country/CHN": ("country", "China", "CHN", True, ["China"], []),
    "person/zoe-isolee": ("person", "Zoë Isolée", "FRA", False, ["Zoë Isolée"], []),
}

CAMEO = {"meet": "040", "call": "040", "visit": "042", "agree": "057", "aid": "070",
         "appeal": "020", "support": "050"}


def edge(doc, start, typ, src, dst, status, date, text, place=None, host=None, title=None,
         rule="fixture"):
    return {"doc": doc, "type": typ, "source": src, "target": dst, "status": status,
            "date": date, "place": place, "host": host, "title": title, "rule": rule,
            "cameo": CAMEO.get(typ),
            "evidence": {"start": start, "end": start + len(text.encode()), "text": text}}


EDGES = [
    edge("doc-a", 10, "meet", "person/emmanuel-macron", "person/xi-jinping", "occurred",
         "2025-12-04", 'The two leaders met in Beijing, saying "we agree" <today> & more.',
         place="place/beijing", host="person/xi-jinping"),
    edge("doc-a", 120, "meet", "person/xi-jinping", "person/emmanuel-macron", "planned",
         "2025-12", "They will meet again later this month."),
    edge("doc-a", 200, "role", "person/emmanuel-macron", "country/FRA", "occurred", None,
         "French President Emmanuel Macron", title="President"),
    edge("doc-a", 300, "support", "organization/alpha-omega", "person/jean-newline",
         "planned", None, "<Alpha> & Omega will back Jean."),
    edge("doc-a", 400, "meet", "person/emmanuel-macron", "person/xi-jinping", "occurred",
         "2025-12-04", "Macron and Xi met again at a state dinner.", place="place/beijing"),
    edge("doc-b", 5, "call", "person/recep-tayyip-erdogan", "person/emmanuel-macron",
         "occurred", "2025-11-20", "Erdoğan spoke by phone with Macron:\n“yes”, he said."),
    edge("doc-b", 90, "visit", "person/emmanuel-macron", "place/beijing", "occurred",
         "2025-11", "Macron visited Beijing in November.", place="place/beijing"),
    edge("doc-b", 150, "appeal", "organization/quoted-group", "person/ctrl-char", "negated",
         "2025", 'The "Quoted", Group did not urge Ctrl\u0007Char to act.'),
    edge("doc-b", 260, "located_in", "place/beijing", "country/CHN", "occurred", None,
         "Beijing, China"),
]


def main():
    docs = sorted(DOCS, key=lambda d: d["id"])
    nodes = []
    for nid in sorted(NODES):
        typ, name, country, known, aliases, roles = NODES[nid]
        mentions = sum(d["mentions"].get(nid, 0) for d in docs)
        dates = sorted(d["date"] for d in docs if nid in d["mentions"])
        seen = (dates[0], dates[-1]) if dates else (None, None)
        nodes.append({"id": nid, "type": typ, "name": name, "known": known,
                      "country": country, "aliases": sorted(aliases, key=lambda s: s.encode()),
                      "roles": [dict(r, **{"from": None, "to": None, "first_seen": seen[0],
                                           "last_seen": seen[1]}) for r in roles],
                      "mentions": mentions, "articles": len(dates),
                      "first_seen": seen[0], "last_seen": seen[1]})
    for d in docs:
        d["mentions"] = dict(sorted(d["mentions"].items()))
    edges = sorted(EDGES, key=lambda e: (e["doc"], e["evidence"]["start"]))
    path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "export", "special.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"dkg_graph": 1,\n"documents": [\n')
        f.write(",\n".join(json.dumps(d, ensure_ascii=False) for d in docs))
        f.write('\n],\n"nodes": [\n')
        f.write(",\n".join(json.dumps(n, ensure_ascii=False) for n in nodes))
        f.write('\n],\n"edges": [\n')
        f.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in edges))
        f.write("\n]\n}\n")


if __name__ == "__main__":
    main()
