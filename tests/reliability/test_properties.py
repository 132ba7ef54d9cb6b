"""Issue 8, property tests (hypothesis): extraction never crashes on any text, every
``normalize_*`` function is idempotent, and a TriG export reads back as the same graph."""
from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_claims
from kg.graph.store import resolve_build_dir
from kg.model import Evidence
from kg.resolve.parties import normalize_party_text
from kg.resolve.regions import normalize_region_text
from tests.extract.helpers import context, document
from tests.reliability.generators import WORDS

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

vocab_text = st.lists(st.sampled_from(WORDS), max_size=80).map(lambda ws: " ".join(ws))
any_text = st.text(max_size=400)
mixed_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map("".join)


def _spans(claims) -> list[Evidence]:  # type: ignore[no-untyped-def]
    out: list[Evidence] = []
    for group in (claims.elections, claims.tickets, claims.offices, claims.statements, claims.events):
        for c in group:
            for name in ("evidence", "speaker_evidence"):
                ev = getattr(c, name, None)
                if isinstance(ev, Evidence):
                    out.append(ev)
    return out


def check_extraction(text: str) -> None:
    ctx = context()
    doc = document(text)
    claims = extract_claims(doc, ctx.lexicon, ctx.gazetteer)
    for ev in _spans(claims):
        assert 0 <= ev.start <= ev.end <= len(text), (ev, len(text))


@FUZZ
@given(any_text)
def test_extraction_never_raises_on_any_unicode_text(text):
    check_extraction(text)


@FUZZ
@given(vocab_text)
def test_extraction_never_raises_on_election_shaped_word_salad(text):
    check_extraction(text)


@FUZZ
@given(mixed_text)
def test_extraction_never_raises_on_mixed_text(text):
    check_extraction(text)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(st.one_of(st.text(), vocab_text))
def test_normalize_region_text_is_idempotent(text):
    once = normalize_region_text(text)
    assert normalize_region_text(once) == once


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(st.one_of(st.text(), vocab_text))
def test_normalize_party_text_is_idempotent(text):
    once = normalize_party_text(text)
    assert normalize_party_text(once) == once


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(st.one_of(st.text(max_size=60), vocab_text))
def test_normalize_person_name_is_idempotent_on_the_bare_name(text):
    from kg.extract.names import normalize_person_name

    lex = context().lexicon
    once = normalize_person_name(text, lex).name
    assert normalize_person_name(once, lex).name == once


urls = st.builds(lambda scheme, host, path, query, frag: f"{scheme}://{host}/{path}{query}{frag}",
                 st.sampled_from(["http", "HTTPS", "https"]),
                 st.sampled_from(["www.Kompas.com", "regional.kompas.com", "niaga.asia", "x.co.id:8080"]),
                 st.text(alphabet="abc-/%.é", max_size=20),
                 st.sampled_from(["", "?utm_source=wa", "?id=3&utm_medium=x", "?a=1&b=2"]),
                 st.sampled_from(["", "#komentar"]))


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(st.one_of(urls, st.text(max_size=80)))
def test_normalize_url_is_idempotent(text):
    from kg.ingest.html import normalize_url

    once = normalize_url(text)
    assert normalize_url(once) == once


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(st.dictionaries(st.sampled_from(["Text", "isi", "URL", "link", "judul", "tanggal", "media", "authors",
                                        "penulis", "editor", "html", "other"]),
                       st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3),
                                 st.integers(), st.none()), max_size=6))
def test_normalize_record_is_idempotent(raw):
    from kg.ingest.dumps import normalize_record

    once = normalize_record(raw)
    assert normalize_record(once) == once


def test_every_normalize_function_in_kg_is_covered_here():
    import re

    root = Path(__file__).resolve().parents[2] / "kg"
    found = {m for p in root.rglob("*.py") for m in re.findall(r"^def (normalize_\w+)", p.read_text(), re.M)}
    assert found <= {"normalize_region_text", "normalize_party_text", "normalize_person_name",
                     "normalize_url", "normalize_record"}, found


# --- TriG round trip ---------------------------------------------------------------------------

def _export_and_read_back(data: Path, tmp: Path):  # type: ignore[no-untyped-def]
    import pyoxigraph

    from kg.export.rdf import write_rdf

    out = tmp / "x.trig"
    write_rdf("trig", data, out)
    back = pyoxigraph.Store()
    with open(out, "rb") as fh:
        back.load(fh, pyoxigraph.RdfFormat.TRIG)
    return back


def _isomorphic(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Quad sets equal; with blank nodes, rdflib's graph isomorphism per named graph."""
    import pyoxigraph

    qa, qb = set(a), set(b)
    if not any(isinstance(t, pyoxigraph.BlankNode) for q in qa for t in (q.subject, q.object)):
        return qa == qb
    import rdflib
    from rdflib.compare import isomorphic

    def ds(quads):  # type: ignore[no-untyped-def]
        d = rdflib.Dataset()
        d.parse(data=pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS).decode(), format="nquads")
        return d

    da, db = ds(list(qa)), ds(list(qb))
    names = {g.identifier for g in da.graphs()} | {g.identifier for g in db.graphs()}
    return all(isomorphic(da.graph(n), db.graph(n)) for n in names)


def test_the_trig_export_of_a_build_reads_back_isomorphic(built, tmp_path):
    from kg.graph.store import open_store

    from kg import vocab

    back = _export_and_read_back(built, tmp_path)
    # the export leaves out the store's union graph (a query index, not data)
    store = [q for q in open_store(built) if getattr(q.graph_name, "value", None) != vocab.UNION_GRAPH]
    assert len(back) == len(store) and _isomorphic(store, back)
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(resolve_build_dir(built) / "graph.trig", format="trig")
    assert len(ds) + sum(1 for _ in ds.quads((None, None, None, None))) > 0


IRI_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~éüñ漢字ąęł"
iri = st.text(alphabet=IRI_CHARS, min_size=1, max_size=12).map(lambda s: f"https://w3id.org/pilkada-kg/id/t/{s}")
literal_text = st.text(max_size=40)


@settings(max_examples=max(20, EXAMPLES // 5), deadline=None)
@given(st.lists(st.tuples(iri, iri, st.one_of(iri, literal_text, st.tuples(literal_text, st.sampled_from(
    ["id", "en", "id-ID"]))), st.one_of(st.none(), iri)), min_size=1, max_size=12))
def test_trig_export_round_trips_arbitrary_terms(rows):
    import pyoxigraph

    quads = []
    for s, p, o, g in rows:
        obj = pyoxigraph.NamedNode(o) if isinstance(o, str) and o.startswith("https://w3id.org/") else \
            pyoxigraph.Literal(o[0], language=o[1]) if isinstance(o, tuple) else pyoxigraph.Literal(o)
        graph = pyoxigraph.NamedNode(g) if g else pyoxigraph.DefaultGraph()
        quads.append(pyoxigraph.Quad(pyoxigraph.NamedNode(s), pyoxigraph.NamedNode(p), obj, graph))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = pyoxigraph.Store(str(folder / "store"))
        store.extend(quads)
        store.flush()
        del store
        gc.collect()
        back = _export_and_read_back(folder, folder)
        assert set(back) == set(quads)
