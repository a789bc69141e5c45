#!/usr/bin/env python3
"""bench/gen_news.py - deterministic news-like articles for speed benchmarks and tests.

Writes diplomatic-news articles built from our own templates: leaders meeting,
calling, visiting, signing, pledging and urging, mixed with the filler prose
that makes up most real news (markets, quotes, background), so the extractor
sees the same mix of names, dates and plain text it sees in production.

    gen_news.py --articles 1000 --jsonl out.jsonl     # JSON Lines, one article a line
    gen_news.py --mb 200 --jsonl - > big.jsonl        # about 200 MB of article text
    gen_news.py --articles 25000 --dir corpus/        # one .txt file per article
                                                      # (first line ' date YYYY-MM-DD Title')

The same --seed and size give byte-identical output on any machine (only
Python's own random.Random, seeded per article, is used), so the n-th article
does not depend on how many come before it in another run.
"""
import argparse
import json
import os
import random
import sys

LEADERS = [
    ("President", "Emmanuel Macron", "Macron", "French", "Paris"),
    ("President", "Xi Jinping", "Xi", "Chinese", "Beijing"),
    ("Chancellor", "Olaf Scholz", "Scholz", "German", "Berlin"),
    ("Prime Minister", "Narendra Modi", "Modi", "Indian", "New Delhi"),
    ("President", "Recep Tayyip Erdoğan", "Erdoğan", "Turkish", "Ankara"),
    ("President", "Luiz Inácio Lula da Silva", "Lula", "Brazilian", "Brasília"),
    ("Prime Minister", "Fumio Kishida", "Kishida", "Japanese", "Tokyo"),
    ("President", "Cyril Ramaphosa", "Ramaphosa", "South African", "Pretoria"),
    ("Prime Minister", "Giorgia Meloni", "Meloni", "Italian", "Rome"),
    ("President", "Volodymyr Zelensky", "Zelensky", "Ukrainian", "Kyiv"),
    ("President", "Vladimir Putin", "Putin", "Russian", "Moscow"),
    ("Prime Minister", "Justin Trudeau", "Trudeau", "Canadian", "Ottawa"),
    ("President", "Joe Biden", "Biden", "American", "Washington"),
    ("Prime Minister", "Anthony Albanese", "Albanese", "Australian", "Canberra"),
    ("President", "Yoon Suk Yeol", "Yoon", "South Korean", "Seoul"),
    ("Prime Minister", "Pedro Sánchez", "Sánchez", "Spanish", "Madrid"),
    ("President", "Andrés Manuel López Obrador", "López Obrador", "Mexican", "Mexico City"),
    ("Premier", "Li Qiang", "Li", "Chinese", "Beijing"),
    ("President", "Abdel Fattah el-Sisi", "Sisi", "Egyptian", "Cairo"),
    ("President", "Joko Widodo", "Widodo", "Indonesian", "Jakarta"),
    ("Prime Minister", "Keir Starmer", "Starmer", "British", "London"),
    ("President", "Javier Milei", "Milei", "Argentine", "Buenos Aires"),
    ("President", "William Ruto", "Ruto", "Kenyan", "Nairobi"),
    ("Prime Minister", "Shehbaz Sharif", "Sharif", "Pakistani", "Islamabad"),
]
VENUES = ["Geneva", "Davos", "Singapore", "Doha", "Riyadh", "Brussels", "Vienna",
          "Istanbul", "Bali", "Osaka", "Hiroshima", "Johannesburg", "Abu Dhabi", "Madrid"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
TOPICS = ["trade", "energy security", "climate finance", "critical minerals", "food security",
          "the war in Ukraine", "regional stability", "semiconductor supply chains",
          "debt relief", "migration", "nuclear non-proliferation", "maritime security"]

EVENTS = [
    "{T1} {N1} met {T2} {N2} in {V} on {D} to discuss {TOPIC}.",
    "{S1} held talks with {S2} on the sidelines of the summit in {V}, officials said.",
    "{T1} {N1} spoke by phone with {N2} on {D}, and the two leaders discussed {TOPIC}.",
    "{N1} arrived in {C2} on {D} for a two-day state visit, his office said.",
    "{S1} visited {C2} last month, the first such trip in almost a decade.",
    "The two leaders signed agreements on {TOPIC} and {TOPIC2} after their meeting.",
    "{S1} urged {S2} to show restraint and return to negotiations on {TOPIC}.",
    "{A1} officials said {S1} would travel to {V} in {M} for talks with {N2}.",
    "{S1} pledged $%d million in aid to support {TOPIC} programmes." ,
    "{N1} and {N2} did not meet during the summit, a spokesman said.",
    "{S2} received {S1} at the presidential palace in {C2} on {D}.",
    "{T1} {N1} is expected to host {N2} in {C1} in {M}.",
]
FILLER = [
    "Markets in the region rose slightly as investors weighed the outcome of the talks.",
    "Analysts said the agreement could take years to implement in full.",
    "The ministry did not respond to a request for comment.",
    "Trade between the two countries reached a record last year, according to official data.",
    "Protesters gathered outside the venue, calling for action on {TOPIC}.",
    "\"We have a shared interest in {TOPIC},\" one senior official told reporters.",
    "The talks followed weeks of preparation by diplomats from both sides.",
    "Critics at home accused the government of making too many concessions.",
    "The statement issued after the meeting made no mention of sanctions.",
    "Officials said further rounds of negotiations were planned for later in the year.",
    "The visit comes amid growing competition for influence across the region.",
    "Economists expect growth to slow next year as demand weakens.",
    "A joint communique listed cooperation on {TOPIC} and {TOPIC2} among its priorities.",
    "Security was tight across the capital, with several roads closed to traffic.",
]


def article(seed, i):
    r = random.Random(seed * 1000003 + i)
    year = r.choice([2023, 2024, 2025])
    month = r.randrange(1, 13)
    day = r.randrange(1, 29)
    date = "%04d-%02d-%02d" % (year, month, day)
    a, b = r.sample(LEADERS, 2)
    sentences = []
    for _ in range(r.randrange(8, 30)):
        if r.random() < 0.4:
            a2, b2 = (a, b) if r.random() < 0.7 else r.sample(LEADERS, 2)
            tmpl = r.choice(EVENTS)
            if "%d" in tmpl:
                tmpl = tmpl % r.choice([50, 100, 250, 500, 1200])
        else:
            a2, b2 = a, b
            tmpl = r.choice(FILLER)
        s = tmpl.format(
            T1=a2[0], N1=a2[1], S1=a2[2], A1=a2[3], C1=a2[4],
            T2=b2[0], N2=b2[1], S2=b2[2], A2=b2[3], C2=b2[4],
            V=r.choice(VENUES), D=r.choice(WEEKDAYS), M=r.choice(MONTHS),
            TOPIC=r.choice(TOPICS), TOPIC2=r.choice(TOPICS))
        sentences.append(s)
    paras = []
    k = 0
    while k < len(sentences):
        n = r.randrange(1, 4)
        paras.append(" ".join(sentences[k:k + n]))
        k += n
    title = "%s and %s discuss %s" % (a[2], b[2], r.choice(TOPICS))
    return "gen-%d-%d" % (seed, i), date, title, "\n\n".join(paras) + "\n", len(sentences)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--articles", type=int, help="number of articles")
    size.add_argument("--mb", type=float, help="stop after this many MB of article text")
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--jsonl", help="write JSON Lines to this file ('-' = stdout)")
    out.add_argument("--dir", help="write one .txt file per article into this directory")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    limit_bytes = int(args.mb * 1e6) if args.mb is not None else None
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
        sink = None
    elif args.jsonl == "-":
        sink = sys.stdout
    else:
        sink = open(args.jsonl, "w", encoding="utf-8")
    total = 0
    nsent = 0
    i = 0
    while (args.articles is None or i < args.articles) and \
            (limit_bytes is None or total < limit_bytes):
        aid, date, title, text, ns = article(args.seed, i)
        nsent += ns
        if sink is not None:
            sink.write(json.dumps({"id": aid, "date": date, "title": title, "text": text},
                                  ensure_ascii=False) + "\n")
            total += len(text.encode("utf-8"))
        else:
            # 1,000 files per subdirectory keeps directories small on any filesystem.
            sub = os.path.join(args.dir, "%04d" % (i // 1000))
            if i % 1000 == 0:
                os.makedirs(sub, exist_ok=True)
            body = " date %s %s\n%s" % (date, title, text)
            with open(os.path.join(sub, "%s.txt" % aid), "w", encoding="utf-8") as f:
                f.write(body)
            total += len(body.encode("utf-8"))
        i += 1
    if sink is not None and sink is not sys.stdout:
        sink.close()
    # bench_extract.sh reads this line: articles, text bytes, sentences.
    print("gen_news: %d articles, %d bytes of text, %d sentences" % (i, total, nsent),
          file=sys.stderr)


if __name__ == "__main__":
    main()
