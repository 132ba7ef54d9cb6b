#!/usr/bin/env python3
"""HTML ingest throughput: saved news pages per second on one core, against plain text.

    python3 benchmarks/html_ingest.py [--pages 300] [--repeat 3] [--corpus DIR]

Generates the articles with ../shared/bench/gen_corpus.py (unless --corpus
names a folder of .txt articles), wraps each in a page shaped like a real news
page (head with meta tags, OpenGraph and JSON-LD, navigation, share widgets,
sidebar of headlines, footer, scripts and styles), then times
``iter_sources`` + ``load_source`` over the pages in this process, and over
the plain .txt files of the same articles as a reference. Prints the median of
``--repeat`` runs after one warm-up pass; asserts nothing.
"""
from __future__ import annotations

import argparse
import html
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.errors import InputError  # noqa: E402
from kg.ingest.sources import Skipped, iter_sources, load_source  # noqa: E402

NAV = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in
              ("Beranda", "Nasional", "Daerah", "Politik", "Ekonomi", "Olahraga", "Hiburan", "Indeks"))
SIDEBAR = "".join(f'<li><a href="/read/{i}">Berita terpopuler nomor {i} tentang harga cabai dan jalan rusak</a></li>'
                  for i in range(1, 11))
SCRIPT = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}" * 20
STYLE = ".nav{display:flex}.sidebar{width:300px}.footer{padding:2rem}" * 30


def page_html(idx: int, text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    title, body = (lines[0], lines[1:]) if lines else ("", [])
    url = f"https://www.beritadaerah.example/read/2024/10/{idx % 28 + 1:02d}/artikel-{idx}"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"2024-10-{idx % 28 + 1:02d}T09:00:00+07:00",
                     "author": [{"@type": "Person", "name": "Redaksi Daerah"}],
                     "publisher": {"@type": "Organization", "name": "Berita Daerah"}, "mainEntityOfPage": url})
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body[:len(body) // 2]) + \
        '\n<p class="baca-juga">Baca juga: Debat Kedua Digelar Pekan Depan</p>\n' + \
        "\n".join(f"<p>{html.escape(p)}</p>" for p in body[len(body) // 2:])
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{html.escape(title)} - Berita Daerah</title>
<meta name="description" content="{html.escape(title)}"><meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Berita Daerah"><meta property="og:url" content="{url}">
<meta name="author" content="Redaksi Daerah"><link rel="canonical" href="{url}">
<script type="application/ld+json">{ld}</script><script>{SCRIPT}</script><style>{STYLE}</style></head>
<body><header><nav class="main-menu"><ul>{NAV}</ul></nav>
<div class="share">Bagikan: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div></header>
<main><article><h1>{html.escape(title)}</h1><div class="byline">Penulis: Redaksi Daerah | Editor: Meja Redaksi</div>
<figure><img src="/foto/{idx}.jpg"><figcaption>Suasana debat. (Foto: Berita Daerah)</figcaption></figure>
<div class="article-body">
{paragraphs}
<p>Ikuti berita populer lainnya di Google News Berita Daerah.</p></div>
<div class="tags">Tag: <a href="/tag/pilkada">Pilkada</a></div></article></main>
<aside class="sidebar"><h3>Terpopuler</h3><ol>{SIDEBAR}</ol></aside>
<footer><p>Redaksi | Pedoman Media Siber | Kontak</p><p>Copyright © 2024 Berita Daerah. All rights reserved.</p>
</footer><script src="/js/app.min.js"></script></body></html>
"""


def time_ingest(folder: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    loaded = failed = 0
    for source in iter_sources([folder]):
        if isinstance(source, Skipped):
            failed += 1
            continue
        try:
            load_source(source)
            loaded += 1
        except InputError:
            failed += 1
    return time.perf_counter() - start, loaded, failed


def report(label: str, folder: Path, repeat: int) -> None:
    time_ingest(folder)                                  # warm-up: imports, caches
    runs = [time_ingest(folder) for _ in range(repeat)]
    seconds = statistics.median(r[0] for r in runs)
    loaded, failed = runs[0][1], runs[0][2]
    print(f"{label:5} {loaded} loaded, {failed} refused: {loaded / seconds:8.1f} pages/s, "
          f"{1000 * seconds / max(loaded, 1):6.2f} ms/page (median of {repeat})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", type=Path, help="a folder of .txt articles (default: generate them)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-html-bench-") as tmp:
        txt_dir, html_dir = Path(tmp) / "txt", Path(tmp) / "html"
        html_dir.mkdir()
        if args.corpus is None:
            gen = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
            subprocess.run([sys.executable, str(gen), str(txt_dir), "--articles", str(args.pages)], check=True,
                           stdout=subprocess.DEVNULL)
        else:
            txt_dir = args.corpus
        texts = sorted(txt_dir.glob("*.txt"))[:args.pages]
        size = 0
        for i, path in enumerate(texts):
            page = page_html(i, path.read_text(encoding="utf-8"))
            size += len(page.encode())
            (html_dir / f"{path.stem}.html").write_text(page, encoding="utf-8")
        print(f"{len(texts)} articles; pages average {size / max(len(texts), 1) / 1024:.1f} KB")
        report("html", html_dir, args.repeat)
        report("txt", txt_dir, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
