# tests/cli/test_query.sh - dkg query on the hand-built fixture graph (tests/fixtures/query/).
# Every case pins stdout byte for byte, stderr and the exit status together. The
# fixture's answers were worked out by hand (make_graph.py says what it holds);
# the PageRank figures were checked against an independent power iteration.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
GRAPH="$DKG_SOURCE_DIR/tests/fixtures/query/graph.json"

# check STATUS ARGS...: run 'dkg query' with ARGS (G stands for the fixture graph),
# compare stdout with standard input and the exit status with STATUS.
check() {
    local want=$1
    shift
    local args=()
    for a in "$@"; do
        if [ "$a" = G ]; then args+=("$GRAPH"); else args+=("$a"); fi
    done
    cat >"$TMP/want"
    run "$DKG" query "${args[@]}"
    expect_status "$want" "query $*:"
    if cmp -s "$TMP/want" "$TMP/out"; then
        pass
    else
        fail "query $*: stdout differs:
$(diff "$TMP/want" "$TMP/out" | head -20)"
    fi
}
expect_no_stderr() { if [ ! -s "$TMP/err" ]; then pass; else fail "stderr not empty: $(head -c 300 "$TMP/err")"; fi; }

check 0 G who-met macron <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 4 partners

PARTNER               MEETINGS  FIRST    LAST        PLACES          STATUS    ARTICLES
Xi Jinping                   2  2024     2025-12-04  Beijing, Paris  occurred         3
Li Qiang                     1  -        -           -               planned          1
Recep Tayyip Erdoğan         1  2025-06  2025-06     Ankara          occurred         1
Zhao Leji                    1  -        -           -               planned          1
EOF
expect_no_stderr
check 0 G who-met 'ERDOĞAN' <<'EOF'
Recep Tayyip Erdoğan (person/recep-tayyip-erdogan): 3 partners

PARTNER                    MEETINGS  FIRST       LAST        PLACES   STATUS    ARTICLES
Emmanuel Macron                   1  2025-06     2025-06     Ankara   occurred         1
Luiz Inácio Lula da Silva         1  2025-02     2025-02     Ankara   occurred         1
Xi Jinping                        1  2024-11-20  2024-11-20  Beijing  occurred         1
EOF
expect_no_stderr
check 0 G who-met 'recep tayyip erdogan' --format tsv <<'EOF'
partner	id	meetings	first	last	places	status	articles
Emmanuel Macron	person/emmanuel-macron	1	2025-06	2025-06	Ankara	occurred	1
Luiz Inácio Lula da Silva	person/luiz-inacio-lula-da-silva	1	2025-02	2025-02	Ankara	occurred	1
Xi Jinping	person/xi-jinping	1	2024-11-20	2024-11-20	Beijing	occurred	1
EOF
expect_no_stderr
check 0 G who-met person/emmanuel-macron --status any <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 5 partners

PARTNER               MEETINGS  FIRST       LAST        PLACES          STATUS    ARTICLES
Xi Jinping                   2  2024        2025-12-04  Beijing, Paris  occurred         3
Li Qiang                     1  -           -           -               planned          1
Olaf Scholz                  1  2025-06-15  2025-06-15  -               negated          1
Recep Tayyip Erdoğan         1  2025-06     2025-06     Ankara          occurred         1
Zhao Leji                    1  -           -           -               planned          1
EOF
expect_no_stderr
check 0 G who-met macron --status planned <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 2 partners

PARTNER    MEETINGS  FIRST  LAST  PLACES  STATUS   ARTICLES
Li Qiang          1  -      -     -       planned         1
Zhao Leji         1  -      -     -       planned         1
EOF
expect_no_stderr
check 0 G who-met macron --evidence --format tsv <<'EOF'
# partners
partner	id	meetings	first	last	places	status	articles
Xi Jinping	person/xi-jinping	2	2024	2025-12-04	Beijing, Paris	occurred	3
Li Qiang	person/li-qiang	1				planned	1
Recep Tayyip Erdoğan	person/recep-tayyip-erdogan	1	2025-06	2025-06	Ankara	occurred	1
Zhao Leji	person/zhao-leji	1				planned	1

# evidence
partner	date	status	place	article	evidence
Xi Jinping	2024	occurred	Paris	d3	Xi met Macron in Paris this year.
Xi Jinping	2025-12-04	occurred	Beijing	d1	The two leaders attended a welcoming ceremony in Beijing.
Xi Jinping	2025-12-04	occurred	Beijing	d4	Xi and Macron met in Beijing on Thursday.
Li Qiang		planned		d1	He will hold talks with Chinese Premier Li Qiang.
Recep Tayyip Erdoğan	2025-06	occurred	Ankara	d2	Erdoğan received Macron in Ankara in June.
Zhao Leji		planned		d1	Macron is also scheduled to meet Zhao Leji.
EOF
expect_no_stderr
check 0 G who-met macron --format json <<'EOF'
{
  "query": "who-met",
  "id": "person/emmanuel-macron",
  "name": "Emmanuel Macron",
  "partners": [
    {"partner": "Xi Jinping", "id": "person/xi-jinping", "meetings": 2, "first": "2024", "last": "2025-12-04", "places": ["Beijing", "Paris"], "status": ["occurred"], "articles": 3},
    {"partner": "Li Qiang", "id": "person/li-qiang", "meetings": 1, "first": null, "last": null, "places": [], "status": ["planned"], "articles": 1},
    {"partner": "Recep Tayyip Erdoğan", "id": "person/recep-tayyip-erdogan", "meetings": 1, "first": "2025-06", "last": "2025-06", "places": ["Ankara"], "status": ["occurred"], "articles": 1},
    {"partner": "Zhao Leji", "id": "person/zhao-leji", "meetings": 1, "first": null, "last": null, "places": [], "status": ["planned"], "articles": 1}
  ]
}
EOF
expect_no_stderr
check 0 G who-met macron --since 2025-06 <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 2 partners

PARTNER               MEETINGS  FIRST       LAST        PLACES   STATUS    ARTICLES
Recep Tayyip Erdoğan         1  2025-06     2025-06     Ankara   occurred         1
Xi Jinping                   1  2025-12-04  2025-12-04  Beijing  occurred         2
EOF
expect_no_stderr
check 0 G who-met macron --until 2024-06 <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 1 partner

PARTNER     MEETINGS  FIRST  LAST  PLACES  STATUS    ARTICLES
Xi Jinping         1  2024   2024  Paris   occurred         1
EOF
expect_no_stderr
check 0 G who-met macron --since 2025-12 --until 2025-12-31 <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 1 partner

PARTNER     MEETINGS  FIRST       LAST        PLACES   STATUS    ARTICLES
Xi Jinping         1  2025-12-04  2025-12-04  Beijing  occurred         2
EOF
expect_no_stderr
check 0 G who-met macron --since 2026 <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 0 partners
EOF
expect_no_stderr
check 0 G who-met macron --country chn <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 3 partners

PARTNER     MEETINGS  FIRST  LAST        PLACES          STATUS    ARTICLES
Xi Jinping         2  2024   2025-12-04  Beijing, Paris  occurred         3
Li Qiang           1  -      -           -               planned          1
Zhao Leji          1  -      -           -               planned          1
EOF
expect_no_stderr
check 0 G who-met macron --type meet,call --status any --format tsv <<'EOF'
partner	id	meetings	first	last	places	status	articles
Xi Jinping	person/xi-jinping	2	2024	2025-12-04	Beijing, Paris	occurred	3
Li Qiang	person/li-qiang	1				planned	1
Olaf Scholz	person/olaf-scholz	1	2025-06-15	2025-06-15		negated	1
Recep Tayyip Erdoğan	person/recep-tayyip-erdogan	1	2025-06	2025-06	Ankara	occurred	1
Zhao Leji	person/zhao-leji	1				planned	1
EOF
expect_no_stderr
check 0 G who-met Brigitte <<'EOF'
Brigitte Macron (person/brigitte-macron): 0 partners
EOF
expect_no_stderr
check 0 G met Macron Xi <<'EOF'
Emmanuel Macron and Xi Jinping met (3 occurred)

DATE        STATUS    PLACE    ARTICLE  EVIDENCE
2024        occurred  Paris    d3       Xi met Macron in Paris this year.
2025-12-04  occurred  Beijing  d1       The two leaders attended a welcoming ceremony in Beijing.
2025-12-04  occurred  Beijing  d4       Xi and Macron met in Beijing on Thursday.
EOF
expect_no_stderr
check 1 G met macron 'li qiang' <<'EOF'
Emmanuel Macron and Li Qiang did not meet (1 planned)

DATE  STATUS   PLACE  ARTICLE  EVIDENCE
-     planned  -      d1       He will hold talks with Chinese Premier Li Qiang.
EOF
expect_no_stderr
check 1 G met macron scholz <<'EOF'
Emmanuel Macron and Olaf Scholz did not meet
EOF
expect_no_stderr
check 0 G met macron scholz --status negated --format json <<'EOF'
{
  "query": "met",
  "a": "person/emmanuel-macron",
  "b": "person/olaf-scholz",
  "met": true,
  "meetings": [
    {"date": "2025-06-15", "status": "negated", "place": null, "article": "d2", "evidence": "Macron did not meet Scholz."}
  ]
}
EOF
expect_no_stderr
check 1 G met Ardern Macron --format json <<'EOF'
{
  "query": "met",
  "a": "person/jacinda-ardern",
  "b": "person/emmanuel-macron",
  "met": false,
  "meetings": []
}
EOF
expect_no_stderr
check 0 G neighbors Xi <<'EOF'
Xi Jinping (person/xi-jinping): 3 neighbors within 1 hop

NEIGHBOR              TYPE    COUNTRY  DISTANCE  VIA  RELATIONS  COUNT
Emmanuel Macron       person  FRA             1  -    meet           3
Li Qiang              person  CHN             1  -    meet           1
Recep Tayyip Erdoğan  person  TUR             1  -    meet           1
EOF
expect_no_stderr
check 0 G neighbors Xi --depth 2 <<'EOF'
Xi Jinping (person/xi-jinping): 7 neighbors within 2 hops

NEIGHBOR                   TYPE     COUNTRY  DISTANCE  VIA                   RELATIONS  COUNT
Emmanuel Macron            person   FRA             1  -                     meet           3
Li Qiang                   person   CHN             1  -                     meet           1
Recep Tayyip Erdoğan       person   TUR             1  -                     meet           1
Beijing                    place    CHN             2  Emmanuel Macron       visit          1
France                     country  FRA             2  Emmanuel Macron       role           1
Luiz Inácio Lula da Silva  person   BRA             2  Recep Tayyip Erdoğan  meet           1
Zhao Leji                  person   CHN             2  Emmanuel Macron       meet           1
EOF
expect_no_stderr
check 0 G neighbors Xi --depth 2 --type meet --format json <<'EOF'
{
  "query": "neighbors",
  "id": "person/xi-jinping",
  "name": "Xi Jinping",
  "depth": 2,
  "neighbors": [
    {"neighbor": "Emmanuel Macron", "id": "person/emmanuel-macron", "type": "person", "country": "FRA", "distance": 1, "via": null, "via_id": null, "relations": ["meet"], "count": 3},
    {"neighbor": "Li Qiang", "id": "person/li-qiang", "type": "person", "country": "CHN", "distance": 1, "via": null, "via_id": null, "relations": ["meet"], "count": 1},
    {"neighbor": "Recep Tayyip Erdoğan", "id": "person/recep-tayyip-erdogan", "type": "person", "country": "TUR", "distance": 1, "via": null, "via_id": null, "relations": ["meet"], "count": 1},
    {"neighbor": "Luiz Inácio Lula da Silva", "id": "person/luiz-inacio-lula-da-silva", "type": "person", "country": "BRA", "distance": 2, "via": "Recep Tayyip Erdoğan", "via_id": "person/recep-tayyip-erdogan", "relations": ["meet"], "count": 1},
    {"neighbor": "Zhao Leji", "id": "person/zhao-leji", "type": "person", "country": "CHN", "distance": 2, "via": "Emmanuel Macron", "via_id": "person/emmanuel-macron", "relations": ["meet"], "count": 1}
  ]
}
EOF
expect_no_stderr
check 0 G neighbors Macron --country FRA <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 1 neighbor within 1 hop

NEIGHBOR  TYPE     COUNTRY  DISTANCE  VIA  RELATIONS  COUNT
France    country  FRA             1  -    role           1
EOF
expect_no_stderr
check 0 G path Lula 'Li Qiang' <<'EOF'
Luiz Inácio Lula da Silva -> Li Qiang: 3 hops

STEP  FROM                       RELATION  TO                    DATE        STATUS    PLACE    ARTICLE  EVIDENCE
   1  Luiz Inácio Lula da Silva  meet      Recep Tayyip Erdoğan  2025-02     occurred  Ankara   d6       Lula met Erdoğan in Ankara in February.
   2  Recep Tayyip Erdoğan       meet      Xi Jinping            2024-11-20  occurred  Beijing  d3       Xi held talks with Erdoğan in Beijing on Wednesday.
   3  Xi Jinping                 meet      Li Qiang              2025-12     occurred  -        d4       Xi chaired a meeting with Li Qiang this month.
EOF
expect_no_stderr
check 0 G path Scholz Zhao --status any --format json <<'EOF'
{
  "query": "path",
  "from": "person/olaf-scholz",
  "to": "person/zhao-leji",
  "found": true,
  "length": 2,
  "hops": [
    {"step": 1, "from": "Olaf Scholz", "relation": "meet", "to": "Emmanuel Macron", "date": "2025-06-15", "status": "negated", "place": null, "article": "d2", "evidence": "Macron did not meet Scholz."},
    {"step": 2, "from": "Emmanuel Macron", "relation": "meet", "to": "Zhao Leji", "date": null, "status": "planned", "place": null, "article": "d1", "evidence": "Macron is also scheduled to meet Zhao Leji."}
  ]
}
EOF
expect_no_stderr
check 1 G path Ardern Macron <<'EOF'
no path between Jacinda Ardern and Emmanuel Macron
EOF
expect_no_stderr
check 1 G path Ardern Macron --format json <<'EOF'
{
  "query": "path",
  "from": "person/jacinda-ardern",
  "to": "person/emmanuel-macron",
  "found": false,
  "length": null,
  "hops": []
}
EOF
expect_no_stderr
check 0 G path Macron Macron --format tsv <<'EOF'
step	from	relation	to	date	status	place	article	evidence
EOF
expect_no_stderr
check 0 G timeline macron <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 8 events

DATE        RELATION  TITLE      STATUS    WITH                  PLACE    ARTICLE
2024        meet      -          occurred  Xi Jinping            Paris    d3
2025-06     meet      -          occurred  Recep Tayyip Erdoğan  Ankara   d2
2025-12-03  visit     -          occurred  Beijing               -        d1
2025-12-04  meet      -          occurred  Xi Jinping            Beijing  d1
2025-12-04  meet      -          occurred  Xi Jinping            Beijing  d4
-           meet      -          planned   Li Qiang              -        d1
-           meet      -          planned   Zhao Leji             -        d1
-           role      President  occurred  France                -        d1
EOF
expect_no_stderr
check 0 G timeline macron --since 2025 --evidence <<'EOF'
Emmanuel Macron (person/emmanuel-macron): 4 events

DATE        RELATION  TITLE  STATUS    WITH                  PLACE    ARTICLE  EVIDENCE
2025-06     meet      -      occurred  Recep Tayyip Erdoğan  Ankara   d2       Erdoğan received Macron in Ankara in June.
2025-12-03  visit     -      occurred  Beijing               -        d1       Macron arrived in Beijing on Wednesday evening.
2025-12-04  meet      -      occurred  Xi Jinping            Beijing  d1       The two leaders attended a welcoming ceremony in Beijing.
2025-12-04  meet      -      occurred  Xi Jinping            Beijing  d4       Xi and Macron met in Beijing on Thursday.
EOF
expect_no_stderr
check 0 G timeline Beijing --format tsv <<'EOF'
date	relation	title	status	with	with_id	place	article	evidence
2025-12-03	visit		occurred	Emmanuel Macron	person/emmanuel-macron		d1	Macron arrived in Beijing on Wednesday evening.
EOF
expect_no_stderr
check 0 G entity xi <<'EOF'
profile:
FIELD       VALUE
id          person/xi-jinping
type        person
name        Xi Jinping
country     CHN
known       yes (lexicon)
aliases     Xi; Xi Jinping
mentions    5
articles    3
first_seen  2024-11-20
last_seen   2025-12-05
relations   5

roles:
TITLE      OF     FROM        TO  FIRST SEEN  LAST SEEN
President  China  2013-03-14  -   2024-11-20  2025-12-05

relations:
RELATION  STATUS    COUNT  PARTNERS
meet      occurred      5         3
EOF
expect_no_stderr
check 0 G entity erdogan --format json <<'EOF'
{
  "query": "entity",
  "id": "person/recep-tayyip-erdogan",
  "type": "person",
  "name": "Recep Tayyip Erdoğan",
  "country": "TUR",
  "known": true,
  "aliases": ["Erdoğan", "Recep Tayyip Erdoğan"],
  "mentions": 3,
  "articles": 3,
  "first_seen": "2024-11-20",
  "last_seen": "2025-06-15",
  "relation_count": 3,
  "roles": [],
  "relations": [
    {"relation": "meet", "status": "occurred", "count": 3, "partners": 3}
  ]
}
EOF
expect_no_stderr
check 0 G entity France --format tsv <<'EOF'
# profile
field	value
id	country/FRA
type	country
name	France
country	FRA
known	yes (lexicon)
aliases	France
mentions	1
articles	1
first_seen	2025-12-04
last_seen	2025-12-04
relations	1

# roles
title	of	of_id	from	to	first_seen	last_seen

# relations
relation	status	count	partners
role	occurred	1	1
EOF
expect_no_stderr
check 0 G rank <<'EOF'
10 of 11 entities by degree

RANK  NAME                       TYPE    COUNTRY  DEGREE  RELATIONS
   1  Emmanuel Macron            person  FRA           4          6
   2  Recep Tayyip Erdoğan       person  TUR           3          3
   2  Xi Jinping                 person  CHN           3          5
   4  Li Qiang                   person  CHN           2          2
   4  Luiz Inácio Lula da Silva  person  BRA           2          2
   6  Chris Hipkins              person  NZL           1          1
   6  George H. W. Bush          person  USA           1          1
   6  George W. Bush             person  USA           1          1
   6  Jacinda Ardern             person  NZL           1          1
   6  Olaf Scholz                person  DEU           1          1
EOF
expect_no_stderr
check 0 G rank --by pagerank --top 3 <<'EOF'
3 of 11 entities by pagerank

RANK  NAME                  TYPE    COUNTRY  PAGERANK  RELATIONS
   1  Emmanuel Macron       person  FRA      0.170324          6
   2  Xi Jinping            person  CHN      0.139477          5
   3  Recep Tayyip Erdoğan  person  TUR      0.096443          3
EOF
expect_no_stderr
check 0 G rank --by betweenness --top 0 --format tsv <<'EOF'
rank	name	id	type	country	betweenness	relations
1	Recep Tayyip Erdoğan	person/recep-tayyip-erdogan	person	TUR	8.000	3
2	Emmanuel Macron	person/emmanuel-macron	person	FRA	6.500	6
3	Luiz Inácio Lula da Silva	person/luiz-inacio-lula-da-silva	person	BRA	5.000	2
4	Xi Jinping	person/xi-jinping	person	CHN	1.500	5
5	Chris Hipkins	person/chris-hipkins	person	NZL	0.000	1
5	George H. W. Bush	person/george-h-w-bush	person	USA	0.000	1
5	George W. Bush	person/george-w-bush	person	USA	0.000	1
5	Jacinda Ardern	person/jacinda-ardern	person	NZL	0.000	1
5	Li Qiang	person/li-qiang	person	CHN	0.000	2
5	Olaf Scholz	person/olaf-scholz	person	DEU	0.000	1
5	Zhao Leji	person/zhao-leji	person	CHN	0.000	1
EOF
expect_no_stderr
check 0 G rank --country CHN --format json <<'EOF'
{
  "query": "rank",
  "by": "degree",
  "entities": 2,
  "contacts": 1,
  "ranking": [
    {"rank": 1, "name": "Li Qiang", "id": "person/li-qiang", "type": "person", "country": "CHN", "degree": 1, "relations": 1},
    {"rank": 1, "name": "Xi Jinping", "id": "person/xi-jinping", "type": "person", "country": "CHN", "degree": 1, "relations": 1}
  ]
}
EOF
expect_no_stderr
check 0 G rank --type call <<'EOF'
2 of 2 entities by degree

RANK  NAME                       TYPE    COUNTRY  DEGREE  RELATIONS
   1  Luiz Inácio Lula da Silva  person  BRA           1          1
   1  Olaf Scholz                person  DEU           1          1
EOF
expect_no_stderr
check 0 G communities <<'EOF'
4 communities of 11 entities (seed 1, modularity 0.4167)

COMMUNITY  SIZE  MEMBERS
        1     4  Emmanuel Macron, Li Qiang, Xi Jinping, Zhao Leji
        2     3  Luiz Inácio Lula da Silva, Olaf Scholz, Recep Tayyip Erdoğan
        3     2  Chris Hipkins, Jacinda Ardern
        4     2  George H. W. Bush, George W. Bush
EOF
expect_no_stderr
check 0 G communities --seed 7 --format json <<'EOF'
{
  "query": "communities",
  "seed": 7,
  "modularity": 0.4167,
  "communities": [
    {"community": 1, "size": 4, "members": ["Emmanuel Macron", "Li Qiang", "Xi Jinping", "Zhao Leji"], "ids": ["person/emmanuel-macron", "person/li-qiang", "person/xi-jinping", "person/zhao-leji"]},
    {"community": 2, "size": 3, "members": ["Luiz Inácio Lula da Silva", "Olaf Scholz", "Recep Tayyip Erdoğan"], "ids": ["person/luiz-inacio-lula-da-silva", "person/olaf-scholz", "person/recep-tayyip-erdogan"]},
    {"community": 3, "size": 2, "members": ["Chris Hipkins", "Jacinda Ardern"], "ids": ["person/chris-hipkins", "person/jacinda-ardern"]},
    {"community": 4, "size": 2, "members": ["George H. W. Bush", "George W. Bush"], "ids": ["person/george-h-w-bush", "person/george-w-bush"]}
  ]
}
EOF
expect_no_stderr
check 0 G communities --since 2025 <<'EOF'
2 communities of 6 entities (seed 1, modularity 0.3194)

COMMUNITY  SIZE  MEMBERS
        1     3  Emmanuel Macron, Li Qiang, Xi Jinping
        2     3  Luiz Inácio Lula da Silva, Olaf Scholz, Recep Tayyip Erdoğan
EOF
expect_no_stderr
check 1 G who-met bush <<'EOF'
EOF
expect_stderr_exact 'dkg: error: '"'"'bush'"'"' is ambiguous: George H. W. Bush (person/george-h-w-bush), George W. Bush (person/george-w-bush)'
check 1 G who-met Macrn <<'EOF'
EOF
expect_stderr_exact 'dkg: error: no entity named '"'"'Macrn'"'"'; did you mean Brigitte Macron, Emmanuel Macron?'
check 1 G path zzzzzz Macron <<'EOF'
EOF
expect_stderr_exact 'dkg: error: no entity named '"'"'zzzzzz'"'"''

# ---- usage errors: one line plus the hint, exit 2, nothing on stdout -------------
usage() {
    local msg=$1
    shift
    check 2 "$@" </dev/null
    expect_stderr_exact "dkg query: $msg
Try 'dkg query --help'."
}
usage "missing GRAPH and SUBCOMMAND"
usage "missing SUBCOMMAND after GRAPH" G
usage "unknown subcommand 'nope'" G nope
usage "who-met takes 1 name, got 0 (usage: dkg query GRAPH who-met NAME)" G who-met
usage "met takes 2 names, got 1 (usage: dkg query GRAPH met A B)" G met Macron
usage "rank takes 0 names, got 1 (usage: dkg query GRAPH rank)" G rank Macron
usage "empty name" G who-met ''
usage "option --depth does not apply to who-met" G who-met Macron --depth 2
usage "option --seed does not apply to rank" G rank --seed 3
usage "invalid --since '2025-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)" G who-met x --since 2025-13
usage "invalid --until '25' (expected YYYY, YYYY-MM or YYYY-MM-DD)" G who-met x --until 25
usage "invalid --format 'xml' (expected table, json or tsv)" G who-met x --format xml
usage "invalid --status 'done' (expected occurred, planned, negated or any, joined by commas)" \
    G who-met x --status done
usage "option '--since' needs an argument" G who-met x --since
usage "unknown option '--bogus'" G who-met x --bogus
usage "invalid --by 'foo' (expected degree, pagerank or betweenness)" G rank --by foo
usage "invalid --top '-1' (expected 0 or more)" G rank --top -1
usage "invalid --depth '11' (expected 1 to 10)" G neighbors x --depth 11
usage "invalid --country 'FRANCE' (expected an ISO 3166 alpha-3 code)" G who-met x --country FRANCE
usage "invalid --type ','" G who-met x --type ,
# Usage errors are found before the graph is read: a missing file is not reported.
usage "unknown subcommand 'nope'" /nonexistent/graph.json nope

# ---- failures on the graph file: exit 1 -------------------------------------------
check 1 "$TMP/none.json" rank </dev/null
expect_stderr_exact "dkg: $TMP/none.json: error: cannot open: No such file or directory"
printf '{"dkg_graph": 1,\n"documents": [\n' >"$TMP/cut.json"
check 1 "$TMP/cut.json" rank </dev/null
expect_stderr_exact "dkg: $TMP/cut.json:3:1: error: graph file is truncated"

# ---- options anywhere, "--" ends them ----------------------------------------------
check 0 --format tsv G rank --top 2 <<'EOF'
rank	name	id	type	country	degree	relations
1	Emmanuel Macron	person/emmanuel-macron	person	FRA	4	6
2	Recep Tayyip Erdoğan	person/recep-tayyip-erdogan	person	TUR	3	3
EOF
expect_no_stderr
check 1 G met --format json -- Macron Ardern <<'EOF'
{
  "query": "met",
  "a": "person/emmanuel-macron",
  "b": "person/jacinda-ardern",
  "met": false,
  "meetings": []
}
EOF
expect_no_stderr

# ---- GRAPH "-" reads standard input -------------------------------------------------
"$DKG" query - who-met Erdogan --format tsv <"$GRAPH" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "query - who-met"
if [ "$(sed -n 2p "$TMP/out")" = "$(printf 'Emmanuel Macron\tperson/emmanuel-macron\t1\t2025-06\t2025-06\tAnkara\toccurred\t1')" ]; then pass; else fail "query - who-met: $(cat "$TMP/out")"; fi
echo '{"dkg_graph": 1}' | "$DKG" query - rank >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 1 "query - (bad graph)"
# The loader's own message; what matters here is that it names <stdin> and a place.
if grep -Eq '^dkg: <stdin>:[0-9]+:[0-9]+: error: ' "$TMP/err"; then pass; else fail "query - (bad graph): $(cat "$TMP/err")"; fi

# ---- communities are reproducible: same seed, same bytes ---------------------------
run "$DKG" query "$GRAPH" communities --seed 42 --format json
cp "$TMP/out" "$TMP/first"
run "$DKG" query "$GRAPH" communities --seed 42 --format json
if cmp -s "$TMP/first" "$TMP/out"; then pass; else fail "communities --seed 42 differs between runs"; fi

# ---- help: stdout, exit 0, generated from the option table -------------------------
run "$DKG" query --help
expect_status 0
if [ "$(head -1 "$TMP/out")" = "Usage: dkg query GRAPH SUBCOMMAND [NAME...] [OPTIONS]" ]; then pass; else fail "query --help: $(head -1 "$TMP/out")"; fi
for sub in who-met met neighbors path timeline entity rank communities; do
    run "$DKG" query "$GRAPH" "$sub" --help
    expect_status 0 "$sub --help"
    if head -1 "$TMP/out" | grep -q "^Usage: dkg query GRAPH $sub"; then pass; else fail "$sub --help: $(head -1 "$TMP/out")"; fi
    if grep -q -- "--format FMT" "$TMP/out"; then pass; else fail "$sub --help lacks --format"; fi
done
run "$DKG" query rank -h
if grep -q -- "--by MEASURE" "$TMP/out" && ! grep -q -- "--depth" "$TMP/out"; then pass; else fail "rank -h lists the wrong options"; fi
run "$DKG" query G neighbors -h
if grep -q -- "--depth N" "$TMP/out" && ! grep -q -- "--by" "$TMP/out"; then pass; else fail "neighbors -h lists the wrong options"; fi
# Every option the parser knows is in the general help.
run "$DKG" query --help
for opt in since until type country status evidence depth by top seed format timing help; do
    if grep -q -- "--$opt" "$TMP/out"; then pass; else fail "query --help lacks --$opt"; fi
done

# ---- --timing reports on stderr, leaves stdout alone --------------------------------
run "$DKG" query "$GRAPH" rank --top 1 --timing
expect_status 0
if grep -Eq '^dkg query: load [0-9.]+ s, query [0-9.]+ s, output [0-9.]+ s \(cpu: load [0-9.]+ s, query [0-9.]+ s, output [0-9.]+ s\)$' "$TMP/err"; then pass; else fail "timing line: $(cat "$TMP/err")"; fi

testlib_end
