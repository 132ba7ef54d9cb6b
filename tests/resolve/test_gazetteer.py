"""Rule tables and properties of the reference gazetteer (kg.resolve.gazetteer).

The sentences below are invented for these tests.
"""
from __future__ import annotations

import itertools
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.resolve.gazetteer import REFERENCE_FILES, Gazetteer, ReferenceDataError
from kg.resolve.parties import normalize_party_text
from kg.resolve.regions import normalize_region_text, split_region_prefix, strip_region_prefix
from kg.resources import Resources

REFERENCE = Resources.default().reference


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(REFERENCE)


# --- loading --------------------------------------------------------------------------------------

def test_load_is_cached_per_directory(gaz: Gazetteer) -> None:
    assert Gazetteer.load(REFERENCE) is gaz
    assert Gazetteer.load() is gaz


def test_counts(gaz: Gazetteer) -> None:
    levels = [r.level for r in gaz.regions.regions]
    assert levels.count("provinsi") == 38
    assert levels.count("kabupaten_kota") == 514
    assert levels.count("kecamatan") == 7285
    assert len(gaz.parties.parties) == 26
    assert len(gaz.tickets.records) == 1594 + 827


def _copy_reference(tmp_path: Path) -> Path:
    for name in REFERENCE_FILES:
        shutil.copy(REFERENCE / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize(("file", "old", "new", "column"), [
    ("party_aliases.csv", "\nNasdem,NASDEM\n", "\nNasdem,NASDEMM\n", "code"),
    ("region_aliases.csv", "\nBaubau,74.72,", "\nBaubau,74.7,", "region_code"),
    ("region_aliases.csv", "\nFakfak,92.03,", "\nFakfak,99.99,", "region_code"),
    ("region_aliases.csv", "\nFakfak,92.03,", "\nFakfak ,92.03,", "alias"),
    ("partai_politik.csv", "\nPKS,PKS,", "\npks,PKS,", "code"),
    ("wilayah_kemendagri_2025.csv", "\n64.08,6408,kabupaten_kota", "\n64.08,6409,kabupaten_kota",
     "code_compact"),
    ("wilayah_kemendagri_2025.csv", "\n64.08,6408,kabupaten_kota,Kabupaten,",
     "\n64.08,6408,kabupaten_kota,Regency,", "type"),
    ("pilkada2015_paslon_perludem.csv", "NASDEM;PKPI;HANURA;PKB", "NASDEM;PKPI;HANURA;XYZ", "party_codes"),
    ("pilkada2024_paslon_sirekap.csv", "\npilkada-2024-11,2024-11-27,Gubernur,11,",
     "\npilkada-2024-11,2024-11-27,Bupati,11,", "office"),
])
def test_bad_rows_name_file_line_and_column(tmp_path: Path, file: str, old: str, new: str,
                                            column: str) -> None:
    directory = _copy_reference(tmp_path)
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        Gazetteer.load(directory)
    message = str(caught.value)
    assert isinstance(caught.value, ReferenceDataError)
    line = text[:text.index(old) + 1].count("\n") + 1
    assert f"{file}:{line}: column {column!r}" in message


def test_missing_file_is_reported(tmp_path: Path) -> None:
    directory = _copy_reference(tmp_path)
    (directory / "party_aliases.csv").unlink()
    with pytest.raises(ValueError, match="party_aliases.csv"):
        Gazetteer.load(directory)


# --- resolve_region ------------------------------------------------------------------------------

REGION_RULES = [
    # text, kind, province_code, expected code
    ("Kabupaten Kutai Timur", None, None, "64.08"),
    ("Kab. Kutai Timur", None, None, "64.08"),
    ("Kab.Kutai Timur", None, None, "64.08"),
    ("Kutai Timur", None, None, "64.08"),
    ("kutai timur", None, None, "64.08"),
    ("KUTAI  TIMUR", None, None, "64.08"),
    ("Kutim", None, None, "64.08"),
    ("Kukar", None, None, "64.02"),
    ("Kaltim", None, None, "64"),
    ("PPU", None, None, "64.09"),
    ("Mahulu", None, None, "64.11"),
    ("Pesbar", None, None, "18.13"),
    ("Pesisir Barat", None, None, "18.13"),
    ("64.08", None, None, "64.08"),
    ("6408", None, None, "64.08"),
    ("64", None, None, "64"),
    ("64.08.04", None, None, "64.08.04"),
    ("Lampung", None, None, "18"),
    ("Provinsi Lampung", None, None, "18"),
    ("Prov. Lampung", None, None, "18"),
    ("Sumbar", None, None, "13"),
    ("Provinsi Kalimantan Timur", None, None, "64"),
    # quirks of the official names
    ("Palangka Raya", None, None, "62.71"),
    ("Kota Palangkaraya", None, None, "62.71"),
    ("Baubau", None, None, "74.72"),
    ("Bau-Bau", None, None, "74.72"),
    ("Fakfak", None, None, "92.03"),
    ("Tojo Una-Una", None, None, "72.09"),
    ("Sitaro", None, None, "71.09"),
    ("Kepulauan Siau Tagulandang Biaro", None, None, "71.09"),
    ("Toba Samosir", None, None, "12.12"),
    ("Mamuju Utara", None, None, "76.01"),
    ("Maluku Tenggara Barat", None, None, "81.03"),
    ("Jakarta", None, None, "31"),
    ("DKI Jakarta", None, None, "31"),
    ("Provinsi DKI Jakarta", None, None, "31"),
    ("DIY", None, None, "34"),
    ("Daerah Istimewa Yogyakarta", None, None, "34"),
    ("Jakarta Selatan", None, None, "31.74"),
    ("Kota Jakarta Selatan", None, None, "31.74"),
    ("Tanjung Pinang", None, None, "21.72"),
    ("Tanjungpinang", None, None, "21.72"),
    ("Pangkal Pinang", None, None, "19.71"),
    # kabupaten and kota sharing a name
    ("Serang", "Kabupaten", None, "36.04"),
    ("Serang", "Kota", None, "36.73"),
    ("Kota Serang", None, None, "36.73"),
    ("Kabupaten Serang", None, None, "36.04"),
    ("Kab. Serang", None, None, "36.04"),
    ("Kabupaten Serang", "Kota", None, "36.04"),      # the text's own prefix wins
    ("Serang", None, None, "36.73"),                   # bare twin: the kota
    ("Bandung", None, None, "32.73"),
    ("Bandung", "Kabupaten", None, "32.04"),
    ("Kediri", "kabupaten", None, "35.06"),
    ("Malang", "Kota", None, "35.73"),
    ("Banjar", None, None, "32.79"),
    ("Banjar", None, "63", "63.03"),                   # province preference
    ("Banjar", "Kota", "63", "32.79"),                 # kind beats the preference
    # province and kab/kota sharing a name: the province
    ("Jambi", None, None, "15"),
    ("Jambi", "Kota", None, "15.71"),
    ("Bengkulu", None, None, "17"),
    ("Gorontalo", None, None, "75"),
    ("Gorontalo", "Kabupaten", None, "75.01"),
    ("Gorontalo", "Kota", None, "75.71"),
    # an official name beats an alias
    ("Yogyakarta", None, None, "34.71"),
    ("Yogyakarta", "Provinsi", None, "34"),
    # kecamatan only on request
    ("Sangatta Utara", "Kecamatan", None, "64.08.04"),
    ("Kecamatan Sangatta Utara", None, None, "64.08.04"),
    # a derived alias: abbreviation + compass word
    ("OKU Timur", None, None, "16.08"),
    ("OKU Selatan", "Kabupaten", None, "16.09"),
]


@pytest.mark.parametrize(("text", "kind", "province", "code"), REGION_RULES)
def test_resolve_region(gaz: Gazetteer, text: str, kind: str | None, province: str | None, code: str) -> None:
    region = gaz.resolve_region(text, kind=kind, province_code=province)
    assert region is not None, text
    assert region.code == code


@pytest.mark.parametrize(("text", "kind"), [
    ("Sangatta Utara", None),          # a kecamatan without kind
    ("Kutai", None),                   # no such region
    ("Barat", None),
    ("Kota", None),
    ("", None),
    ("Kutai Timur", "Kota"),           # wrong kind
    ("64.08", "Provinsi"),
    ("99.99", None),
    ("Lampung", "Kabupaten"),
    ("OKU Tenggara", None),            # no "Ogan Komering Ulu Tenggara"
])
def test_resolve_region_none(gaz: Gazetteer, text: str, kind: str | None) -> None:
    assert gaz.resolve_region(text, kind=kind) is None


def test_resolve_region_unknown_kind(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError, match="unknown region kind"):
        gaz.resolve_region("Serang", kind="Desa")


def test_ambiguous_kecamatan_needs_a_scope(gaz: Gazetteer) -> None:
    same_name = gaz.region_candidates("Kota Baru", kind="Kecamatan")
    assert len(same_name) > 1
    assert gaz.region_candidates("Kecamatan Kota Baru") == same_name
    assert gaz.resolve_region("Kota Baru", kind="Kecamatan") is None
    scoped = gaz.resolve_region("Kota Baru", kind="Kecamatan", province_code=same_name[0].parent_code)
    assert scoped == same_name[0]


def test_official_names(gaz: Gazetteer) -> None:
    names = {code: getattr(gaz.region(code), "name", None)
             for code in ("64", "31", "34", "64.08", "36.73", "64.08.04")}
    assert names == {"64": "Provinsi Kalimantan Timur", "31": "Provinsi Daerah Khusus Ibukota Jakarta",
                     "34": "Provinsi Daerah Istimewa Yogyakarta", "64.08": "Kabupaten Kutai Timur",
                     "36.73": "Kota Serang", "64.08.04": "Kecamatan Sangatta Utara"}
    kutim = gaz.region("64.08")
    assert kutim is not None
    assert (kutim.short, kutim.type, kutim.province_code, kutim.parent_code, kutim.level) == (
        "Kutai Timur", "Kabupaten", "64", "64", "kabupaten_kota")
    assert kutim.wikidata and kutim.wikidata.startswith("Q")
    assert "Kutim" in gaz.region_aliases("64.08")


# --- find_regions --------------------------------------------------------------------------------

FIND_RULES = [
    # sentence, [(mention text, code), …]
    ("Debat calon bupati Kutim digelar di Sangatta.", [("Kutim", "64.08")]),
    ("KPU Kabupaten Kutai Timur menetapkan dua pasangan.", [("Kabupaten Kutai Timur", "64.08")]),
    ("Warga Kab. Kutai Timur memilih pada hari Rabu.", [("Kab. Kutai Timur", "64.08")]),
    ("Pemkab Kutai Timur menggelar rapat.", [("Kutai Timur", "64.08")]),
    ("Pilkada Lampung Selatan dan Lampung Timur berjalan damai.",
     [("Lampung Selatan", "18.01"), ("Lampung Timur", "18.07")]),
    ("Gubernur Lampung melantik Pj Bupati Pesisir Barat.", [("Lampung", "18"), ("Pesisir Barat", "18.13")]),
    ("Bupati Serang dan Wali Kota Serang hadir bersama.", [("Serang", "36.04"), ("Serang", "36.73")]),
    ("Pemkot Serang menyiapkan anggaran.", [("Serang", "36.73")]),
    ("Di kota Malang, hujan turun sejak pagi.", [("kota Malang", "35.73")]),
    ("Rapat di Provinsi Kaltim dihadiri pejabat Kukar dan PPU.",
     [("Provinsi Kaltim", "64"), ("Kukar", "64.02"), ("PPU", "64.09")]),
    ("Calon dari Mahulu dan Kubar bertemu di Samarinda.",
     [("Mahulu", "64.11"), ("Kubar", "64.07"), ("Samarinda", "64.72")]),
    ("Wali Kota Jambi bertemu Gubernur Jambi.", [("Jambi", "15.71"), ("Jambi", "15")]),
    ("Warga Palangka Raya dan Baubau ikut memilih.", [("Palangka Raya", "62.71"), ("Baubau", "74.72")]),
    ("Tokoh masyarakat KUTAI TIMUR menyampaikan dukungan.", [("KUTAI TIMUR", "64.08")]),
    ("Pilkada Jakarta Selatan? Tidak ada; yang ada Pilgub Jakarta.",
     [("Jakarta Selatan", "31.74"), ("Jakarta", "31")]),
    ("Gubernur Yogyakarta meninjau pasar di Yogyakarta kemarin.",
     [("Yogyakarta", "34"), ("Yogyakarta", "34.71")]),
    ("Kasus serupa terjadi di Medan, kata dia.", [("Medan", "12.71")]),
    ("Malang (ANTARA) - Rapat pleno digelar.", [("Malang", "35.73")]),      # a dateline
    ("MEDAN, Kompas - Debat digelar.", [("MEDAN", "12.71")]),
    ("Kunjungan ke Tojo Una-Una dan Toba Samosir.", [("Tojo Una-Una", "72.09"), ("Toba Samosir", "12.12")]),
    ("Warga kota Sampit antusias.", [("Sampit", "62.02")]),            # a town standing for its kabupaten
    ("Pemerintah Kabupaten Kutai Timur dan Kabupaten Administrasi Kepulauan Seribu.",
     [("Kabupaten Kutai Timur", "64.08"), ("Kabupaten Administrasi Kepulauan Seribu", "31.01")]),
    # an abbreviation with a compass word names the region "<full name> <compass word>" when it exists
    ("Plh Bupati OKU Timur dan Plh Bupati OKU Selatan dilantik; Bupati OKU hadir.",
     [("OKU Timur", "16.08"), ("OKU Selatan", "16.09"), ("OKU", "16.01")]),
    ("Warga Tapsel dan Labura hadir di Medan, kata dia.", [("Tapsel", "12.03"), ("Labura", "12.23"),
                                                            ("Medan", "12.71")]),
]


@pytest.mark.parametrize(("text", "expected"), FIND_RULES)
def test_find_regions(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    found = gaz.find_regions(text)
    assert [(m.text, m.region.code) for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "Pemerintah kota ini membangun jalan barat yang baru.",
    "Medan perang itu sunyi, kata veteran.",
    "Malang nasibnya, ia tidak lolos verifikasi.",
    "Batu besar menutup jalan desa.",
    "Mitra kerja pemerintah ikut hadir.",
    "Solo karier penyanyi itu dimulai tahun lalu.",
    "Ketua tim, Bima Arya, tiba lebih awal.",
    "Wisatawan berenang di Danau Toba dan Pulau Bangka.",
    "Kantornya di Jalan Malang nomor tiga.",
    "Partai Aceh mengusung calon sendiri.",
    "kutim, kukar dan kaltim ditulis kecil di sini.",
    "Kota dan kabupaten sama-sama bersiap; barat dan timur juga.",
    "Sekretaris mendata pali-pali kayu di gudang.",
    "Camat Sangatta Utara membuka acara.",                  # kecamatan are not matched in free text
])
def test_find_regions_no_false_hits(gaz: Gazetteer, text: str) -> None:
    assert gaz.find_regions(text) == []


def test_bare_twin_takes_the_sense_named_elsewhere(gaz: Gazetteer) -> None:
    text = "Debat Pilkada Kabupaten Serang digelar. Paslon Pilkada Serang beradu program."
    found = gaz.find_regions(text)
    assert [(m.text, m.region.code) for m in found] == [("Kabupaten Serang", "36.04"), ("Serang", "36.04")]
    assert [r.code for r in found[1].alternatives] == ["36.73"]
    alone = gaz.find_regions("Paslon Pilkada Serang beradu program.")
    assert alone[0].region.code == "36.73" and [r.code for r in alone[0].alternatives] == ["36.04"]


def test_find_regions_speed(gaz: Gazetteer) -> None:
    article = (
        "Debat Pilkada Kutim 2024 digelar di Sangatta, Kutai Timur, Kalimantan Timur. Dua pasangan "
        "calon bupati dan wakil bupati Kutai Timur beradu gagasan soal pelayanan publik, jalan desa, "
        "dan air bersih. Pj Gubernur Kaltim hadir bersama Bupati Kukar dan pejabat PPU. ") * 8
    gaz.find_regions(article)
    start = time.perf_counter()
    for _ in range(200):
        gaz.find_regions(article)
        gaz.find_parties(article)
    per_second = 200 / (time.perf_counter() - start)
    assert per_second > 500, f"only {per_second:.0f} articles per second"


# --- parties -------------------------------------------------------------------------------------

PARTY_RULES = [
    ("Partai Buru", "BURUH"), ("Partai Buruh", "BURUH"), ("Buruh", "BURUH"),
    ("PDI-P", "PDIP"), ("PDI P", "PDIP"), ("PDIP", "PDIP"), ("PDI Perjuangan", "PDIP"),
    ("PDI–P", "PDIP"), ("Partai Demokrasi Indonesia Perjuangan", "PDIP"),
    ("Nasdem", "NASDEM"), ("NasDem", "NASDEM"), ("Partai NasDem", "NASDEM"), ("nasdem", "NASDEM"),
    ("Partai Golkar", "GOLKAR"), ("Golongan Karya", "GOLKAR"), ("Partai Gerindra", "GERINDRA"),
    ("Gerindera", "GERINDRA"), ("Partai Demokrat", "DEMOKRAT"), ("Partai Gelora", "GELORA"),
    ("Partai Gelora Indonesia", "GELORA"), ("PKB", "PKB"), ("Partai Hanura", "HANURA"), ("Hanura", "HANURA"),
    ("Partai Perindo", "PERINDO"), ("Partai Ummat", "UMMAT"), ("Partai Umat", "UMMAT"),
    ("Partai Garuda", "GARUDA"), ("Partai Garda Republik Indonesia", "GARUDA"), ("PKN", "PKN"),
    ("Partai Kebangkitan Nusantara", "PKN"), ("PSI", "PSI"), ("Partai Solidaritas Indonesia", "PSI"),
    ("PAN", "PAN"), ("Partai PAN", "PAN"), ("PKS", "PKS"), ("PPP", "PPP"), ("PBB", "PBB"),
    ("Partai Aceh", "PA"), ("Partai Nanggroe Aceh", "PNA"), ("Partai Ka'bah", "PPP"),
    ("Berkarya", "BERKARYA"), ("PKPI", "PKPI"), ("Partai Keadilan Sejahtra", "PKS"),
]


@pytest.mark.parametrize(("text", "code"), PARTY_RULES)
def test_resolve_party(gaz: Gazetteer, text: str, code: str) -> None:
    assert gaz.resolve_party(text) == code


@pytest.mark.parametrize("text", [
    "demokrasi", "Partai Demokrasi", "PAS", "PANN", "PKBB", "Aceh", "panitia", "Partai Baru", "", "Partai",
])
def test_resolve_party_none(gaz: Gazetteer, text: str) -> None:
    assert gaz.resolve_party(text) is None


def test_every_party_resolves_by_its_own_names(gaz: Gazetteer) -> None:
    for party in gaz.parties.parties:
        for spelling in (party.code, party.short_name, party.full_name, *party.aliases):
            assert gaz.resolve_party(spelling) == party.code, spelling


FIND_PARTY_RULES = [
    ("Pasangan itu diusung Golkar, Nasdem, PDIP, PPP, PAN, Gelora, PKB, Partai Buru.",
     [("Golkar", "GOLKAR"), ("Nasdem", "NASDEM"), ("PDIP", "PDIP"), ("PPP", "PPP"), ("PAN", "PAN"),
      ("Gelora", "GELORA"), ("PKB", "PKB"), ("Partai Buru", "BURUH")]),
    ("Koalisi PDI-P dan Partai Demokrat mendaftar.", [("PDI-P", "PDIP"), ("Partai Demokrat", "DEMOKRAT")]),
    ("Dukungan dari partai Gerindra, PKS dan Bulan Bintang.",
     [("partai Gerindra", "GERINDRA"), ("PKS", "PKS"), ("Bulan Bintang", "PBB")]),
    ("PARTAI GOLKAR dan NASDEM sepakat.", [("PARTAI GOLKAR", "GOLKAR"), ("NASDEM", "NASDEM")]),
    ("Partai Keadilan Sejahtera (PKS) dan Partai Bulan Bintang (PBB) ikut.",
     [("Partai Keadilan Sejahtera", "PKS"), ("PKS", "PKS"), ("Partai Bulan Bintang", "PBB"), ("PBB", "PBB")]),
    ("Partai Hanura, Perindo, PSI dan Partai Ummat bergabung.",
     [("Partai Hanura", "HANURA"), ("Perindo", "PERINDO"), ("PSI", "PSI"), ("Partai Ummat", "UMMAT")]),
    ("Kader PDI Perjuangan bertemu kader Partai Gerindera.",
     [("PDI Perjuangan", "PDIP"), ("Partai Gerindera", "GERINDRA")]),
]


@pytest.mark.parametrize(("text", "expected"), FIND_PARTY_RULES)
def test_find_parties(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    found = gaz.find_parties(text)
    assert [(m.text, m.code) for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "Demokrasi lokal diuji dalam pilkada; demokrat sejati menghormati hasil.",
    "Panitia menyiapkan panggung; pan berisi air panas.",
    "Warga membayar PBB tepat waktu.",
    "Sekjen PBB berpidato di New York.",
    "Mahasiswa PKN STAN mengikuti upacara.",
    "Penerbangan Garuda Indonesia tertunda; laga di Gelora Bung Karno ditunda.",
    "Berkarya adalah cara kami melayani.",
    "Buruh pabrik berunjuk rasa menuntut upah.",
    "Ia menandatangani nota dengan sebuah partai politik baru.",
    "Sila ketiga berbunyi Persatuan Indonesia.",
    "Kata pbb, pks, pdip ditulis kecil di sini.",
])
def test_find_parties_no_false_hits(gaz: Gazetteer, text: str) -> None:
    assert gaz.find_parties(text) == []


# --- tickets -------------------------------------------------------------------------------------

def test_find_tickets(gaz: Gazetteer) -> None:
    ballot = gaz.find_tickets("64.08", 2024)
    assert [(t.number, t.head, t.deputy) for t in ballot] == [
        (1, "Kasmidi Bulang", "Kinsu"), (2, "Ardiansyah Sulaiman", "Mahyunadi")]
    assert ballot[0].election_key == "pilkada-2024-64.08" and ballot[0].office == "Bupati"
    assert ballot[0].independent is None and ballot[0].party_codes == ()
    old = gaz.find_tickets("17", 2015)
    assert old[0].party_codes == ("NASDEM", "PKPI", "HANURA", "PKB") and old[0].independent is False
    assert gaz.find_tickets("64.08", 2019) == ()


def test_empty_box_records(gaz: Gazetteer) -> None:
    empty = [t for t in gaz.tickets.records if t.empty_box]
    assert len(empty) == 37
    assert all(t.head is None and t.deputy is None for t in empty)


@pytest.mark.parametrize(("name", "region", "expected"), [
    ("Kinsu", None, [("pilkada-2024-64.08", 1)]),
    ("H. Ardiansyah Sulaiman", "64.08", [("pilkada-2024-64.08", 2), ("pilkada-2015-64.08", 2)]),
    ("ardiansyah sulaiman", "64", [("pilkada-2024-64.08", 2), ("pilkada-2015-64.08", 2)]),
    ("Ardiansyah Sulaiman", "64.02", []),
    ("Si Doel", None, [("pilkada-2024-31", 3)]),
    ("Kasmidi", "64.08", [("pilkada-2024-64.08", 1), ("pilkada-2015-64.08", 3)]),
    ("Dr.", None, []),
])
def test_lookup_person(gaz: Gazetteer, name: str, region: str | None,
                       expected: list[tuple[str, int]]) -> None:
    found = gaz.lookup_person(name, region)
    assert sorted((t.election_key, t.number) for t in found) == sorted(expected)


# --- properties ----------------------------------------------------------------------------------

@given(st.text())
def test_normalize_region_text_idempotent(text: str) -> None:
    once = normalize_region_text(text)
    assert normalize_region_text(once) == once


@given(st.text())
def test_strip_region_prefix_idempotent(text: str) -> None:
    once = strip_region_prefix(text)
    assert strip_region_prefix(once) == once
    assert split_region_prefix(text)[1] == once


@given(st.text())
def test_normalize_party_text_idempotent(text: str) -> None:
    once = normalize_party_text(text)
    assert normalize_party_text(once) == once


_NEWSY = st.lists(st.sampled_from(
    list("abcdeKPSUTLMNkpgsu .,-–()\n\"'") + ["Kutai Timur", "Kab. ", "Kota ", "Partai ", "PDI-P", "Golkar",
                                           "Serang", "Bupati ", "PBB", ", ", " dan ", "Medan", "Nasdem"]),
    max_size=30).map("".join)


@settings(max_examples=300)
@given(st.one_of(st.text(), _NEWSY))
def test_find_offsets_slice_the_input(text: str) -> None:
    gaz = Gazetteer.load(REFERENCE)
    regions = gaz.find_regions(text)
    parties = gaz.find_parties(text)
    for m in regions:
        assert text[m.start:m.end] == m.text and m.start < m.end
    for p in parties:
        assert text[p.start:p.end] == p.text and p.start < p.end
    assert [m.start for m in regions] == sorted(m.start for m in regions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(parties))


@given(st.text())
def test_resolvers_never_raise(text: str) -> None:
    gaz = Gazetteer.load(REFERENCE)
    gaz.resolve_region(text)
    gaz.resolve_region(text, kind="Kecamatan", province_code=text)
    gaz.resolve_party(text)
    gaz.lookup_person(text)


@pytest.mark.parametrize("code,label", [
    ("19.71", "Kota Pangkalpinang"), ("21.72", "Kota Tanjungpinang"), ("74.72", "Kota Baubau"),
    ("31.71", "Kota Jakarta Pusat"), ("31.01", "Kabupaten Kepulauan Seribu"), ("64.08", "Kabupaten Kutai Timur"),
])
def test_regions_are_shown_as_the_news_write_them(gaz, code, label):
    assert gaz.region_label(code) == label


@pytest.mark.parametrize("text,code", [
    ("KPU Kulonprogo mengundi nomor urut", "34.01"), ("Pilkada Kulon Progo 2024", "34.01"),
    ("KPU Pangkal Pinang", "19.71"), ("Pilwako Pangkalpinang", "19.71"), ("Kota Tanjung Pinang", "21.72"),
    ("Kota Administrasi Jakarta Pusat", "31.71"),
])
def test_both_spellings_of_a_two_word_name_are_found(gaz, text, code):
    assert [r.region.code for r in gaz.find_regions(text)] == [code]
