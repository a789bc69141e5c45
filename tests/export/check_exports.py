#!/usr/bin/env python3
"""Read dkg exports back with their real consumers and compare with the graph.

usage: check_exports.py FIXTURE FORMAT:PATH[:ARG]...
  FORMAT: graphml, gexf, nodelink (ARG: links key), cytoscape, jgf, neo4j (PATH: dir)
  (several in one run: starting Python and NetworkX once keeps the tests fast)

The expected graph comes from FIXTURE (a dkg graph file) read here with the
json module, independently of dkg: every node's id, name, type, country, and
every edge's ends, type, status, date, place, CAMEO code, article and
evidence. Text is expected with control characters other than tab and newline
removed (dkg strips them because XML cannot hold them); everything else,
quotes, commas, newlines, '<', '&', non-ASCII, must come back intact.
Null may come back as None, or as "" where the format has no null (GraphML).

Prints one line per check that failed and ends with "N passed, N failed";
exit status 0 when all passed, 1 otherwise.
"""
import csv
import json
import os
import re
import sys

passed = 0
failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def clean(s):
    if s is None:
        return None
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]", "", s)


def load_expected(path):
    with open(path, encoding="utf-8") as f:
        g = json.load(f)
    nodes = {}
    for n in g["nodes"]:
        nodes[n["id"]] = {"name": clean(n["name"]), "type": n["type"], "country": n["country"]}
    edges = []
    for e in g["edges"]:
        edges.append((e["source"], e["target"], e["type"], e["status"], e["date"], e["place"],
                      e["cameo"], e["doc"], clean(e["evidence"]["text"])))
    return nodes, sorted(edges, key=repr)


def null(v):
    """The formats without null give "" (GraphML) or leave the key out (GEXF)."""
    return None if v in ("", None) else v


def edge_tuple(d, src, dst):
    return (src, dst, d.get("type"), d.get("status"), null(d.get("date")), null(d.get("place")),
            null(d.get("cameo")), d.get("article"), null(d.get("evidence")))


def compare(nodes, edges, got_nodes, got_edges, fmt):
    check(set(got_nodes) == set(nodes), f"{fmt}: node ids {sorted(got_nodes)} != {sorted(nodes)}")
    for nid, want in nodes.items():
        got = got_nodes.get(nid)
        if got is None:
            continue
        for key in ("name", "type", "country"):
            check(null(got.get(key)) == want[key],
                  f"{fmt}: node {nid} {key} is {got.get(key)!r}, expected {want[key]!r}")
    got_edges = sorted(got_edges, key=repr)
    check(len(got_edges) == len(edges), f"{fmt}: {len(got_edges)} edges, expected {len(edges)}")
    for g, w in zip(got_edges, edges):
        check(g == w, f"{fmt}: edge {g!r} != expected {w!r}")


def date_bounds(d):
    if d is None:
        return None
    if len(d) == 10:
        return d, d
    if len(d) == 7:
        y, m = int(d[:4]), int(d[5:])
        days = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31,
                30, 31, 31, 30, 31, 30, 31][m - 1]
        return f"{d}-01", f"{d}-{days:02d}"
    return f"{d}-01-01", f"{d}-12-31"


def check_graphml(nodes, edges, path):
    import networkx as nx
    g = nx.read_graphml(path)
    check(g.is_directed() and g.is_multigraph(), "graphml: not read as a directed multigraph")
    got_nodes = {}
    gid = {}
    for n, d in g.nodes(data=True):
        gid[n] = d.get("dkg_id")
        got_nodes[d.get("dkg_id")] = d
        check(d.get("label") == d.get("name"), f"graphml: node {n} label != name")
        check(isinstance(d.get("known"), bool), f"graphml: node {n} known is not a boolean")
        check(isinstance(d.get("mentions"), float), f"graphml: node {n} mentions not numeric")
    got_edges = []
    for u, v, d in g.edges(data=True):
        got_edges.append(edge_tuple(d, gid[u], gid[v]))
        check(d.get("label") == d.get("type"), "graphml: edge label != type")
        check(d.get("weight") == 1.0, f"graphml: edge weight {d.get('weight')!r}")
        check(re.fullmatch(r"e[0-9]+", d.get("dkg_id", "")) is not None, "graphml: edge dkg_id")
    check(sorted(g.nodes()) == sorted(f"n{i}" for i in range(len(nodes))),
          "graphml: node ids are not n0..n{N-1}")
    compare(nodes, edges, got_nodes, got_edges, "graphml")


def check_graphml_aggregated_meet(path):
    """--aggregate --type meet of the fixture: one edge, weight = count = 3."""
    import networkx as nx
    g = nx.read_graphml(path)
    got = sorted((d["type"], d["weight"], d["count"], d["first_date"], d["last_date"], d["status"])
                 for _, _, d in g.edges(data=True))
    check(got == [("meet", 3.0, 3.0, "2025-12", "2025-12", "occurred,planned")],
          f"graphml aggregated: {got}")


def check_gexf(nodes, edges, path):
    import networkx as nx
    with open(path, encoding="utf-8") as f:
        head = f.read(400)
    if 'version="1.3"' in head and int(nx.__version__.split(".")[0]) < 3:
        print(f"  skipped: NetworkX {nx.__version__} reads GEXF 1.2draft only, not 1.3")
        return "skipped"
    g = nx.read_gexf(path)
    check(g.is_directed(), "gexf: not directed")
    check(g.graph.get("mode") == "dynamic", "gexf: graph mode is not dynamic")
    got_nodes = {}
    for n, d in g.nodes(data=True):
        dd = dict(d)
        dd["name"] = d.get("label")
        got_nodes[n] = dd
        check(d.get("name") == d.get("label"), f"gexf: node {n} name attribute != label")
        check(isinstance(d.get("known"), bool), f"gexf: node {n} known not boolean")
        check(isinstance(d.get("mentions"), int), f"gexf: node {n} mentions not an integer")
    got_edges = []
    spells_ok = True
    for u, v, d in g.edges(data=True):
        got_edges.append(edge_tuple(d, u, v))
        want = date_bounds(d.get("date"))
        got = d.get("spells")
        if want is None:
            spells_ok &= got is None
        else:
            spells_ok &= got == [want]
        check(d.get("weight") == 1.0, "gexf: edge weight")
    check(spells_ok, "gexf: spells do not cover each dated relation's period")
    compare(nodes, edges, got_nodes, got_edges, "gexf")


def check_nodelink(nodes, edges, path, key):
    import networkx as nx
    from networkx.readwrite import json_graph
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    check(key in data, f"nodelink: no '{key}' key")
    major = int(nx.__version__.split(".")[0])
    minor = int(nx.__version__.split(".")[1])
    if (major, minor) >= (3, 4):
        g = json_graph.node_link_graph(data, edges=key)
    elif key == "links":
        g = json_graph.node_link_graph(data)  # the NetworkX 2.x default key
    else:
        g = json_graph.node_link_graph(data, link=key)
    check(g.is_directed() and g.is_multigraph(), "nodelink: not a directed multigraph")
    got_nodes = {n: d for n, d in g.nodes(data=True)}
    got_edges = [edge_tuple(d, u, v) for u, v, d in g.edges(data=True)]
    keys = sorted(k for _, _, k in g.edges(keys=True))
    check(keys == sorted(f"e{i}" for i in range(len(edges))), f"nodelink: edge keys {keys}")
    compare(nodes, edges, got_nodes, got_edges, "nodelink")


def check_cytoscape(nodes, edges, path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    el = data["elements"]
    got_nodes = {n["data"]["id"]: n["data"] for n in el["nodes"]}
    got_edges = [edge_tuple(e["data"], e["data"]["source"], e["data"]["target"])
                 for e in el["edges"]]
    ids = [n["data"]["id"] for n in el["nodes"]] + [e["data"]["id"] for e in el["edges"]]
    check(len(ids) == len(set(ids)), "cytoscape: element ids are not unique")
    compare(nodes, edges, got_nodes, got_edges, "cytoscape")


def check_jgf(nodes, edges, path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    g = data["graph"]
    check(isinstance(g["nodes"], dict), "jgf: v2 nodes must be an object keyed by id")
    check(g.get("directed") is True, "jgf: graph not directed")
    got_nodes = {}
    for nid, n in g["nodes"].items():
        check(set(n) <= {"label", "metadata"}, f"jgf: node {nid} has keys {sorted(n)}")
        got_nodes[nid] = dict(n["metadata"], name=n["label"])
    got_edges = []
    for e in g["edges"]:
        check(set(e) <= {"id", "source", "target", "relation", "directed", "label", "metadata"},
              f"jgf: edge keys {sorted(e)}")
        check(e["relation"] == e["metadata"]["type"], "jgf: relation != type")
        got_edges.append(edge_tuple(e["metadata"], e["source"], e["target"]))
    compare(nodes, edges, got_nodes, got_edges, "jgf")


HEADER_RE = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*)?(?::(ID|LABEL|START_ID|END_ID|TYPE|"
                       r"long|int|double|float|boolean|string|date|"
                       r"(?:long|int|double|float|boolean|string|date)\[\]))?$")
TYPES = {"long": int, "int": int, "double": float, "float": float}


def check_neo4j(nodes, edges, path):
    def read(name):
        with open(os.path.join(path, name), encoding="utf-8", newline="") as f:
            return list(csv.reader(f))
    nrows = read("nodes.csv")
    rrows = read("relationships.csv")
    for name, rows, required in (("nodes.csv", nrows, {":ID", ":LABEL"}),
                                 ("relationships.csv", rrows, {":START_ID", ":END_ID", ":TYPE"})):
        header = rows[0]
        for col in header:
            check(HEADER_RE.match(col) is not None, f"neo4j {name}: bad header column {col!r}")
        suffixes = {(":" + c.split(":", 1)[1]) if ":" in c else "" for c in header}
        check(required <= suffixes, f"neo4j {name}: header lacks {required - suffixes}")
        check(len(set(header)) == len(header), f"neo4j {name}: duplicate header column")
        for i, row in enumerate(rows[1:], 2):
            check(len(row) == len(header), f"neo4j {name} row {i}: {len(row)} fields")
            for col, val in zip(header, row):
                typ = col.split(":", 1)[1] if ":" in col else "string"
                if val == "":
                    continue
                if typ in TYPES:
                    try:
                        TYPES[typ](val)
                    except ValueError:
                        check(False, f"neo4j {name} row {i}: {col}={val!r}")
                elif typ == "boolean":
                    check(val in ("true", "false"), f"neo4j {name} row {i}: {col}={val!r}")
    nh = nrows[0]
    ids = [r[nh.index("id:ID")] for r in nrows[1:]]
    check(len(ids) == len(set(ids)), "neo4j: duplicate node ids")
    idset = set(ids)
    rh = rrows[0]
    for r in rrows[1:]:
        check(r[rh.index(":START_ID")] in idset, f"neo4j: dangling start {r[0]!r}")
        check(r[rh.index(":END_ID")] in idset, f"neo4j: dangling end {r[1]!r}")
        check(re.fullmatch(r"[A-Z][A-Z0-9_]*", r[rh.index(":TYPE")]) is not None,
              f"neo4j: relationship type {r[rh.index(':TYPE')]!r}")
    got_nodes = {}
    for r in nrows[1:]:
        d = dict(zip(nh, r))
        got_nodes[d["id:ID"]] = {"name": d["name"], "type": d["type"], "country": d["country"]}
        labels = d[":LABEL"].split(";")
        check(labels[0] == "Entity" and labels[1].lower() == d["type"],
              f"neo4j: labels {labels} for type {d['type']}")
    got_edges = []
    for r in rrows[1:]:
        d = dict(zip(rh, r))
        check(d[":TYPE"] == d["type"].upper(), f"neo4j: :TYPE {d[':TYPE']} for {d['type']}")
        got_edges.append(edge_tuple(d, d[":START_ID"], d[":END_ID"]))
    compare(nodes, edges, got_nodes, got_edges, "neo4j")
    with open(os.path.join(path, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    check("neo4j-admin database import full --nodes=nodes.csv "
          "--relationships=relationships.csv" in readme, "neo4j: README lacks the import command")


def main():
    fixture = sys.argv[1]
    nodes, edges = load_expected(fixture)
    try:
        import networkx
        print(f"{sys.executable}: NetworkX {networkx.__version__}")
    except ImportError:
        pass
    for spec in sys.argv[2:]:
        fmt, path, *rest = spec.split(":")
        arg = rest[0] if rest else None
        before = failed
        result = None
        if fmt == "graphml":
            check_graphml(nodes, edges, path)
        elif fmt == "graphml-aggregated-meet":
            check_graphml_aggregated_meet(path)
        elif fmt == "gexf":
            result = check_gexf(nodes, edges, path)
        elif fmt == "nodelink":
            check_nodelink(nodes, edges, path, arg or "edges")
        elif fmt == "cytoscape":
            check_cytoscape(nodes, edges, path)
        elif fmt == "jgf":
            check_jgf(nodes, edges, path)
        elif fmt == "neo4j":
            check_neo4j(nodes, edges, path)
        else:
            sys.exit(f"unknown format {fmt}")
        if result is None:
            result = "ok" if failed == before else "FAILED"
        print(f"  {result}: {fmt} {os.path.basename(path)}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
