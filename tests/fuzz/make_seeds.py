#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, tests/fuzz/corpus/<target>/, from the fixtures
(golden findings, pipelines, manifests) plus a few hand-written edge cases. Deterministic.
    python3 tests/fuzz/make_seeds.py [TABLES_JSON...]
TABLES_JSON: outputs of `kansa tables FILE.pdf` whose first tables become interpret seeds."""
import glob
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def put(target, data):
    data = data.encode("utf-8") if isinstance(data, str) else data
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


findings = []
for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "corpus", "*", "expected.jsonl"))):
    with open(path, encoding="utf-8") as f:
        findings += [json.loads(line) for line in f if line.strip()][:6]

texts, dates, refs = set(), set(), set()
for f in findings:
    doc = f["document"]
    for key in ("title", "theme", "report_number", "department"):
        if doc.get(key):
            texts.add(doc[key])
    for key in ("title", "summary"):
        if f.get(key):
            texts.add(f[key][:400])
    if f.get("ref"):
        refs.add(f["ref"])
    for m in f.get("measures", []):
        texts.add(m["text"][:400])
        if m.get("date_raw"):
            dates.add(m["date_raw"])
for t in sorted(texts)[:25]:
    put("text_normalize", t)
for t in ["⑳ ① ⽇本 ⻑崎", "ＡＢＣ　１２３\n次の行", "a\r\nb  c\t\td", "\xe9t\xe9", "\u3000全角\u3000"]:
    put("text_normalize", t)
put("text_normalize", b"\xff\xfe\xc0\x80\xed\xa0\x80 bad utf-8")

for d in sorted(dates) + ["令和６年３月７日", "平 成 27年 5 月 25日", "令和2年(2020)1月29日",
                          "R6.3.7", "2024/3/7", "令和元年5月1日", "令和5年度", "平成31年度 監査",
                          "二十七年五月二十五日", "令和3年2月29日 令和4年2月28日"]:
    put("era_date", d)

for r in sorted(refs) + ["P17、35", "P18、36-46", "18, 36-46", "pp.3～5", "12頁", "P.１２・１４",
                         "36-1000", "46-36", "ページ 7"]:
    put("page_refs", r)

for toml in sorted(glob.glob(os.path.join(ROOT, "pipelines", "*.toml"))):
    with open(toml, "rb") as f:
        data = f.read()
    if len(data) < 8192:
        put("pipeline_definition", data)

with open(os.path.join(ROOT, "fixtures", "demo-manifest.csv"), "rb") as f:
    put("manifest", f.read())
put("manifest", 'municipality_code,path\n352012,"a ""quoted"", name.pdf"\n\n,/abs/b.pdf\r\n')
put("manifest", "path\n")
put("manifest", "url,municipality_code,published,audit_type\n"
    "https://user:pw@example.org/a/%E6%8E%AA.pdf?x=1,352012,2024-03-29,regular\n")
put("manifest", '{"url": "http://127.0.0.1:8080/files/a.pdf", "municipality_code": "012041", '
    '"published": "2024-02-29", "audit_type": "comprehensive_external"}\n'
    '\n{"path": "local.pdf", "published": null}\n')

for tables_json in sys.argv[1:]:
    with open(tables_json, encoding="utf-8") as f:
        for table in json.load(f)["tables"][:1]:
            rows = ["\t".join(c.replace("\n", "\r") for c in row) for row in table["cells"]]
            put("interpret", "\n".join(rows).encode("utf-8")[:16000])
put("interpret", "指摘\t概要\t措置\t措置日\n1\t是正を求めた\t対応した\t令和6年3月7日\n")
