#!/usr/bin/env python3
"""bench/gen_corpus.py - a deterministic generator of news-like diplomatic articles.

Writes N synthetic articles built from a small cast of real leaders, countries
and cities and a set of sentence templates (meetings, talks, hosted visits,
phone calls, trips, signed agreements, planned and cancelled events, quotes,
analyst filler). The same --seed and -n always give the same bytes, so
benchmarks and tests can be repeated on any machine.

Output forms (choose one):
  -o DIR            a directory of DIR/art-000001.txt ... in the corpus layout: the
                    first line is " date YYYY-MM-DD Headline", a blank line, then
                    one paragraph per line separated by blank lines;
  --jsonl [-o F]    JSON Lines articles {"id", "date", "title", "text"} (stdout
                    when -o is not given) - what `dkg build` and `dkg extract` read;
  --extractions [-o F]
                    JSON Lines extractions (the `dkg extract --jsonl` contract v1),
                    written from what the generator knows it put in each article:
                    entities with mention offsets and relations with evidence.
                    Lets the graph be benchmarked without the extractor.

Usage:
  bench/gen_corpus.py -n 1000 -o /tmp/corpus             # 1000 .txt files
  bench/gen_corpus.py -n 100000 --jsonl -o corpus.jsonl
  bench/gen_corpus.py -n 100000 --extractions -o extractions.jsonl

Extending: add people to CAST, places to CITIES, sentence shapes to the
TEMPLATES lists (each template names the relation it states, if any); the
article assembly in make_article() stays the same. Python 3 standard library
only.
"""
import argparse
import datetime
import json
import os
import random
import sys

# name, country (ISO alpha-3), title used in running text
CAST = [
    ("Emmanuel Macron", "FRA", "President"),
    ("Xi Jinping", "CHN", "President"),
    ("Joe Biden", "USA", "President"),
    ("Olaf Scholz", "DEU", "Chancellor"),
    ("Narendra Modi", "IND", "Prime Minister"),
    ("Fumio Kishida", "JPN", "Prime Minister"),
    ("Vladimir Putin", "RUS", "President"),
    ("Recep Tayyip Erdoğan", "TUR", "President"),
    ("Luiz Inácio Lula da Silva", "BRA", "President"),
    ("Cyril Ramaphosa", "ZAF", "President"),
    ("Anthony Albanese", "AUS", "Prime Minister"),
    ("Justin Trudeau", "CAN", "Prime Minister"),
    ("Giorgia Meloni", "ITA", "Prime Minister"),
    ("Pedro Sánchez", "ESP", "Prime Minister"),
    ("Yoon Suk Yeol", "KOR", "President"),
    ("Joko Widodo", "IDN", "President"),
    ("Mohammed bin Salman", "SAU", "Crown Prince"),
    ("Abdel Fattah el-Sisi", "EGY", "President"),
    ("Volodymyr Zelensky", "UKR", "President"),
    ("Keir Starmer", "GBR", "Prime Minister"),
    ("Claudia Sheinbaum", "MEX", "President"),
    ("Bola Tinubu", "NGA", "President"),
    ("Anwar Ibrahim", "MYS", "Prime Minister"),
    ("Shehbaz Sharif", "PAK", "Prime Minister"),
    ("Antony Blinken", "USA", "Secretary of State"),
    ("Wang Yi", "CHN", "Foreign Minister"),
    ("Sergei Lavrov", "RUS", "Foreign Minister"),
    ("Jean-Noël Barrot", "FRA", "Foreign Minister"),
    ("Subrahmanyam Jaishankar", "IND", "External Affairs Minister"),
    ("Annalena Baerbock", "DEU", "Foreign Minister"),
]

# country ISO -> (name, adjective)
COUNTRIES = {
    "FRA": ("France", "French"), "CHN": ("China", "Chinese"),
    "USA": ("the United States", "American"), "DEU": ("Germany", "German"),
    "IND": ("India", "Indian"), "JPN": ("Japan", "Japanese"), "RUS": ("Russia", "Russian"),
    "TUR": ("Turkey", "Turkish"), "BRA": ("Brazil", "Brazilian"),
    "ZAF": ("South Africa", "South African"), "AUS": ("Australia", "Australian"),
    "CAN": ("Canada", "Canadian"), "ITA": ("Italy", "Italian"), "ESP": ("Spain", "Spanish"),
    "KOR": ("South Korea", "South Korean"), "IDN": ("Indonesia", "Indonesian"),
    "SAU": ("Saudi Arabia", "Saudi"), "EGY": ("Egypt", "Egyptian"),
    "UKR": ("Ukraine", "Ukrainian"), "GBR": ("Britain", "British"),
    "MEX": ("Mexico", "Mexican"), "NGA": ("Nigeria", "Nigerian"),
    "MYS": ("Malaysia", "Malaysian"), "PAK": ("Pakistan", "Pakistani"),
    "CHE": ("Switzerland", "Swiss"), "BEL": ("Belgium", "Belgian"),
    "SGP": ("Singapore", "Singaporean"),
}

# city, country
CITIES = [
    ("Paris", "FRA"), ("Beijing", "CHN"), ("Washington", "USA"), ("Berlin", "DEU"),
    ("New Delhi", "IND"), ("Tokyo", "JPN"), ("Moscow", "RUS"), ("Ankara", "TUR"),
    ("Brasília", "BRA"), ("Pretoria", "ZAF"), ("Canberra", "AUS"), ("Ottawa", "CAN"),
    ("Rome", "ITA"), ("Madrid", "ESP"), ("Seoul", "KOR"), ("Jakarta", "IDN"),
    ("Riyadh", "SAU"), ("Cairo", "EGY"), ("Kyiv", "UKR"), ("London", "GBR"),
    ("Mexico City", "MEX"), ("Abuja", "NGA"), ("Kuala Lumpur", "MYS"),
    ("Islamabad", "PAK"), ("Geneva", "CHE"), ("Brussels", "BEL"), ("Singapore", "SGP"),
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
TOPICS = ["trade", "energy security", "climate finance", "the war in Ukraine",
          "regional security", "critical minerals", "debt relief", "artificial intelligence",
          "nuclear cooperation", "migration", "food security", "maritime disputes"]

# Each template: (relation type or None, status, text). Slots: {A} {B} full names
# with titles, {a} {b} surnames, {P} a city, {CA} {CB} country names, {ADJ} the
# adjective of A's country, {WD} a weekday phrase, {M} a month, {T} a topic.
LEAD_TEMPLATES = [
    ("meet", "occurred", "{A} met {B} in {P} on {WD}, as the two sides discussed {T}."),
    ("meet", "occurred", "{A} held talks with {B} in {P} on {WD}."),
    ("meet", "occurred", "{A} hosted {B} in {P} on {WD} for talks on {T}."),
    ("meet", "occurred", "{A} and {B} sat down in {P} on {WD} to discuss {T}."),
    ("call", "occurred", "{A} spoke by phone with {B} on {WD} about {T}."),
    ("call", "occurred", "{A} phoned {B} on {WD}, officials in {P} said."),
    ("visit", "occurred", "{A} arrived in {P} on {WD} for a two-day state visit."),
    ("visit", "occurred", "{A} visited {P} on {WD}, the first such trip in years."),
]
BODY_TEMPLATES = [
    (None, None, "\"We had frank and constructive talks,\" {a} told reporters afterwards."),
    (None, None, "The {ADJ} leader said the relationship had entered \"a new chapter\"."),
    (None, None, "Analysts said the meeting signalled a cautious thaw after months of tension."),
    (None, None, "Officials said the agenda also covered {T} and people-to-people exchanges."),
    ("agree", "occurred", "{CA} and {CB} signed agreements on {T} during the visit."),
    ("meet", "planned", "{a} is expected to meet {b} again in {M}."),
    ("visit", "planned", "{a} will travel to {P} in {M}, according to the foreign ministry."),
    ("meet", "negated", "{a} did not meet {b} on the sidelines of the summit."),
    ("meet", "occurred", "The two leaders attended a joint press conference in {P}."),
    (None, None, "Neither side gave details of the discussions on {T}."),
    (None, None, "Markets in {P} were little changed after the announcement."),
]


def slug(name):
    import unicodedata
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    out, dash = [], False
    for ch in s:
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def surname(name):
    return name.split()[-1]


class Writer:
    """Builds an article text and records the byte spans of what it mentions."""

    def __init__(self):
        self.parts = []
        self.size = 0
        self.mentions = {}  # entity id -> [(text, start, end)]

    def add(self, text):
        self.parts.append(text)
        self.size += len(text.encode("utf-8"))

    def mention(self, eid, text):
        start = self.size
        self.add(text)
        self.mentions.setdefault(eid, []).append((text, start, self.size))

    def text(self):
        return "".join(self.parts)


def fill(w, template, ctx):
    """Write template into w, recording mentions of the slots that name entities."""
    i = 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            w.add(template[i:])
            break
        w.add(template[i:j])
        k = template.index("}", j)
        slot = template[j + 1:k]
        value, eid = ctx[slot]
        if eid is None:
            w.add(value)
        else:
            w.mention(eid, value)
        i = k + 1


def make_article(rnd, index):
    day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rnd.randrange(11 * 365))
    a, b = rnd.sample(CAST, 2)
    city, city_iso = rnd.choice(CITIES)
    back = rnd.randrange(1, 7)
    event_day = day - datetime.timedelta(days=back)
    month_ahead = (day.month % 12) + 1
    ida, idb = "person/" + slug(a[0]), "person/" + slug(b[0])
    idp, ca, cb = "place/" + slug(city), "country/" + a[1], "country/" + b[1]
    ctx = {
        "A": (a[0], ida), "B": (b[0], idb), "a": (surname(a[0]), ida), "b": (surname(b[0]), idb),
        "P": (city, idp), "CA": (COUNTRIES[a[1]][0], ca), "CB": (COUNTRIES[b[1]][0], cb),
        "ADJ": (COUNTRIES[a[1]][1], ca), "WD": (WEEKDAYS[event_day.weekday()], None),
        "M": (MONTHS[month_ahead - 1], None), "T": (rnd.choice(TOPICS), None),
    }
    dates = {"occurred": event_day.isoformat(),
             "planned": "%04d-%02d" % (day.year + (month_ahead == 1), month_ahead),
             "negated": None}
    w = Writer()
    relations = []

    def sentence(template):
        rel, status, text = template
        start = w.size
        fill(w, text, ctx)
        if rel is None:
            return
        target = idp if rel == "visit" else (cb if rel == "agree" else idb)
        source = ca if rel == "agree" else ida
        relations.append({
            "type": rel, "source": source, "target": target, "status": status,
            "date": dates[status] if rel != "agree" else event_day.isoformat(),
            "place": idp if rel in ("meet", "visit") and "{P}" in text else None,
            "rule": "gen-%s" % rel,
            "evidence": {"start": start, "end": w.size,
                         "text": w.text().encode("utf-8")[start:w.size].decode("utf-8")},
        })

    lead = rnd.choice(LEAD_TEMPLATES)
    verb = {"meet": "meets", "call": "speaks with", "visit": "visits"}[lead[0]]
    title = "%s %s %s" % (surname(a[0]), verb, city if lead[0] == "visit" else surname(b[0]))
    w.add(" date %s %s\n\n" % (day.isoformat(), title))
    header = w.size
    sentence(lead)
    for _ in range(rnd.randrange(2, 5)):
        w.add(" " if rnd.random() < 0.6 else "\n\n")
        sentence(rnd.choice(BODY_TEMPLATES))
    w.add("\n\n%s reported from %s." % (rnd.choice(["Brandt", "Okafor", "Ito", "Silva"]), city))
    text = w.text()

    names = {ida: (a[0], "person", a[1], a[2]), idb: (b[0], "person", b[1], b[2]),
             idp: (city, "place", city_iso, None),
             ca: (COUNTRIES[a[1]][0], "country", a[1], None),
             cb: (COUNTRIES[b[1]][0], "country", b[1], None)}
    entities = []
    for eid in sorted(w.mentions):
        name, etype, iso, role = names[eid]
        entities.append({
            "id": eid, "type": etype, "name": name, "country": iso,
            "roles": [{"title": role, "of": "country/" + iso}] if role else [],
            "known": True,
            "mentions": [{"text": t, "start": s, "end": e} for t, s, e in w.mentions[eid]],
        })
    known = {e["id"] for e in entities}
    relations = [r for r in relations if r["source"] in known and r["target"] in known]
    return {
        "id": "gen-%07d" % index, "date": day.isoformat(), "title": title,
        "text": text, "body_start": header, "entities": entities, "relations": relations,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", type=int, default=1000, help="number of articles (default 1000)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--jsonl", action="store_true", help="JSON Lines articles")
    form.add_argument("--extractions", action="store_true", help="JSON Lines extractions")
    p.add_argument("-o", "--output", help="directory (.txt form) or file (JSON Lines forms)")
    args = p.parse_args()
    rnd = random.Random(args.seed)
    if not args.jsonl and not args.extractions:
        if not args.output:
            p.error("the .txt form needs -o DIR")
        os.makedirs(args.output, exist_ok=True)
        for i in range(1, args.n + 1):
            art = make_article(rnd, i)
            with open(os.path.join(args.output, "art-%06d.txt" % i), "w",
                      encoding="utf-8", newline="") as f:
                f.write(art["text"])
        return 0
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    for i in range(1, args.n + 1):
        art = make_article(rnd, i)
        if args.jsonl:
            # The JSON form carries date and title as fields: the text starts after the
            # date line, so offsets differ from the .txt form.
            body = art["text"].encode("utf-8")[art["body_start"]:].decode("utf-8")
            rec = {"id": art["id"], "date": art["date"], "title": art["title"], "text": body}
        else:
            rec = {"dkg": 1,
                   "doc": {"id": art["id"], "source": "gen_corpus", "date": art["date"],
                           "title": art["title"], "bytes": len(art["text"].encode("utf-8"))},
                   "entities": art["entities"], "relations": art["relations"], "warnings": []}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
