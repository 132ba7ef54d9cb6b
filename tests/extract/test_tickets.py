"""Tickets: rule tables of invented sentences (invented people, real regions).

Each row: text → the tickets expected, as (number, head, deputy, parties,
region code, year). Parties are compared as sets; ``...`` in a field means
"not checked".
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.tickets import close, compatible
from tests.extract.helpers import claims_of, context, document


def tickets_of(text: str) -> list[tuple]:
    return [(t.number, t.head.name, t.deputy.name if t.deputy else None,
             frozenset(b.party for b in t.backings), t.election.region, t.election.year)
            for t in claims_of(text).tickets]


def check(text: str, expected: list[tuple]) -> None:
    got = tickets_of(text)
    assert len(got) == len(expected), got
    for g, e in zip(sorted(got, key=str), sorted(expected, key=str)):
        for gv, ev in zip(g, e):
            if ev is not ...:
                assert gv == (frozenset(ev) if isinstance(ev, (set, list)) else ev), (g, e)


PAIRS = [
    # a dash pair after a ballot number, parties after the trigger
    ("Pilkada Kabupaten Sleman 2024. Nomor urut 1, Budi Santoso-Rina Wulandari (diusung PKB, Gerindra dan PPP).",
     [(1, "Budi Santoso", "Rina Wulandari", {"PKB", "GERINDRA", "PPP"}, "34.04", 2024)]),
    # "X dan Y" after a pair word, the number after the pair
    ("KPU Kabupaten Sleman menetapkan nomor urut pasangan calon Pilkada Sleman 2024. Pasangan Budi Santoso-"
     "Rina Wulandari mendapat nomor urut 1, sedangkan pasangan Joko Prasetyo dan Dewi Lestari mendapat nomor urut 2.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", set(), "34.04", 2024)]),
    # number written in words, and as an ordinal
    ("Pilkada Kota Malang 2024: pasangan Wahyu Hidayat-Ali Muthohirin mendapat nomor urut dua.",
     [(2, "Wahyu Hidayat", "Ali Muthohirin", set(), "35.73", 2024)]),
    ("Pilkada Kota Malang 2024: nomor urut kedua calon wali kota Heri Cahyono dan calon wakil wali kota "
     "Ganis Rumpoko.", [(2, "Heri Cahyono", "Ganis Rumpoko", set(), "35.73", 2024)]),
    # "Paslon 01"
    ("Paslon 02 Aulia Rahman Basri-Rendi Solihin menyampaikan visi misi di Pilkada Kukar 2024.",
     [(2, "Aulia Rahman Basri", "Rendi Solihin", set(), "64.02", 2024)]),
    # "calon bupati X dan calon wakil bupati Y"
    ("KPU Kabupaten Garut menetapkan calon bupati Ahmad Sobari dan calon wakil bupati Dudi Hermawan sebagai "
     "peserta Pilkada Garut 2024, diusung Partai Gerinda, PDI-P dan Partai Demokarat.",
     [(None, "Ahmad Sobari", "Dudi Hermawan", {"GERINDRA", "PDIP", "DEMOKRAT"}, "32.05", 2024)]),
    # "X sebagai calon bupati dan Y sebagai calon wakil bupati"
    ("KPU menetapkan Rahmat Hidayat sebagai calon bupati dan Yusuf Kalla sebagai calon wakil bupati "
     "Pilkada Kabupaten Maros 2024.", [(None, "Rahmat Hidayat", "Yusuf Kalla", set(), "73.09", 2024)]),
    # "X berpasangan dengan [description] Y"
    ("Pilkada Kota Bengkulu 2024 diikuti dua pasangan. Calon wali kota Andi Saputra berpasangan dengan "
     "mantan Sekda Bengkulu Yusuf Hamdani yang didukung Partai Gerindra, PKS dan NasDem.",
     [(None, "Andi Saputra", "Yusuf Hamdani", {"GERINDRA", "PKS", "NASDEM"}, "17.71", 2024)]),
    # a head named alone, the running mate in the next sentence
    ("Pilkada Kabupaten Bantul 2020. Kandidat nomor urut 2 adalah Hendra Gunawan. Mantan anggota DPRD itu "
     "maju berpasangan dengan Wahyu Nugroho. Keduanya diusung koalisi Gerindra dan PKS.",
     [(2, "Hendra Gunawan", "Wahyu Nugroho", {"GERINDRA", "PKS"}, "34.02", 2020)]),
    ("Pilkada Gowa 2024. Calon Bupati Gowa Andi Pallawa resmi mendaftar ke KPU, Rabu (28/8/2024). "
     "Ia berpasangan dengan Muh Ilham.", [(None, "Andi Pallawa", "Muh Ilham", set(), "73.06", 2024)]),
    # "X dan Y" with a ticket verb after it
    ("Pemilihan Bupati Maros 2024. Rahmat Hidayat dan Yusuf Kalla resmi mendaftar sebagai pasangan calon "
     "ke KPU Maros.", [(None, "Rahmat Hidayat", "Yusuf Kalla", set(), "73.09", 2024)]),
    # "A alias B dan C": B is another name of A
    ("Pilkada Kota Semarang 2024: nomor urut dua, pasangan Andi Wibowo alias Andi Bowo dan Joko Susilo.",
     [(2, "Andi Wibowo", "Joko Susilo", set(), "33.74", 2024)]),
    # a list on the line under the ticket line
    ("Debat Pilkada Kota Malang 2024\nNomor urut 1: Wahyu Hidayat - Ali Muthohirin\nPartai pengusung: Gerindra, "
     "PKB, Golkar\nNomor urut 2: Heri Cahyono - Ganis Rumpoko\nPartai pengusung: PDIP, NasDem",
     [(1, "Wahyu Hidayat", "Ali Muthohirin", {"GERINDRA", "PKB", "GOLKAR"}, "35.73", 2024),
      (2, "Heri Cahyono", "Ganis Rumpoko", {"PDIP", "NASDEM"}, "35.73", 2024)]),
    # a bracket of parties right after the pair
    ("Pilkada Kabupaten Sleman 2020. Nomor urut 3 ditempati pasangan Rahmat Hidayat-Sri Mulyani (PKB, Gerindra).",
     [(3, "Rahmat Hidayat", "Sri Mulyani", {"PKB", "GERINDRA"}, "34.04", 2020)]),
]

COALITIONS = [
    # lists for two tickets in one sentence
    ("Dalam Pilkada Kabupaten Sleman 2020, pasangan Kustini Wibowo-Danang Santoso yang diusung PDIP dan PAN, "
     "serta pasangan Sri Muslimah-Amin Purwanto yang diusung Golkar, PKS dan NasDem, bersaing ketat.",
     [(None, "Kustini Wibowo", "Danang Santoso", {"PDIP", "PAN"}, "34.04", 2020),
      (None, "Sri Muslimah", "Amin Purwanto", {"GOLKAR", "PKS", "NASDEM"}, "34.04", 2020)]),
    # "pasangan ini" in the next sentence
    ("Pemilihan Gubernur Jambi 2024 diikuti dua pasangan calon. Pasangan nomor urut 1 adalah Ahmad Fauzi-"
     "Budi Hartono. Pasangan ini diusung PKB, PAN dan Demokrat. Pasangan nomor urut 2 adalah Candra Wijaya-"
     "Dedi Kurniawan yang diusung Golkar dan PDI Perjuangan.",
     [(1, "Ahmad Fauzi", "Budi Hartono", {"PKB", "PAN", "DEMOKRAT"}, "15", 2024),
      (2, "Candra Wijaya", "Dedi Kurniawan", {"GOLKAR", "PDIP"}, "15", 2024)]),
    # active voice: the parties stand before the trigger
    ("Partai Golkar dan PAN resmi mengusung pasangan Andi Saputra-Budi Hartono di Pilkada Kota Makassar 2024.",
     [(None, "Andi Saputra", "Budi Hartono", {"GOLKAR", "PAN"}, "73.71", 2024)]),
    ("Pilkada Kabupaten Bandung Barat 2024 diikuti oleh tiga pasangan. Diusung PDIP dan PKB, pasangan Hengki "
     "Kurniawan-Ade Sudrajat mendapat nomor urut 1.",
     [(1, "Hengki Kurniawan", "Ade Sudrajat", {"PDIP", "PKB"}, "32.17", 2024)]),
    # a count, then the list in the next sentence
    ("Pilkada Kota Semarang 2024. Untuk nomor urut dua, pasangan Andi Wibowo dan Joko Susilo yang diusung tiga "
     "partai politik. Tiga parpol itu, yakni Partai Demokrat, Partai Gerindra dan Partai NasDem.",
     [(2, "Andi Wibowo", "Joko Susilo", {"DEMOKRAT", "GERINDRA", "NASDEM"}, "33.74", 2024)]),
    # "partai-partai non parlemen": no party named
    ("Pilkada Riau 2013. Pasangan nomor urut 1 adalah Hendra Abdullah-Agus Wirawan. Pasangan ini diusung oleh "
     "partai-partai non parlemen.", [(1, "Hendra Abdullah", "Agus Wirawan", set(), "14", 2013)]),
]

# "diusul(kan)" names the nominating parties; a letter dropped from "nomor urut"
COALITIONS += [
    ("KPU Kabupaten Sleman menetapkan nomor urut Pilkada 2024. Pasangan calon omor urut 1 adalah, Budi Santoso-"
     "Rina Wulandari (paket BURINA); pasangan calon nomor urut 2 adalah, Joko Prasetyo-Dewi Lestari (paket JODE).\n"
     "Lebih lanjut, pasangan Budi Santoso-Rina Wulandari diusul PDIP, Perindo dan Demokrat. Pasangan Joko "
     "Prasetyo-Dewi Lestari diusulkan oleh partai Nasdem, Hanura dan PKB.",
     [(1, "Budi Santoso", "Rina Wulandari", {"PDIP", "PERINDO", "DEMOKRAT"}, "34.04", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", {"NASDEM", "HANURA", "PKB"}, "34.04", 2024)]),
    # "X dan Y (AB-CD)": a pair nickname makes a ticket; the same letters in another order (a typo) in the
    # party sentence still name that ticket, not the one named last
    ("KPU Kabupaten Sleman menetapkan dua pasangan calon bupati dan wakil bupati tahun 2020.\nKPU telah "
     "menetapkan H Budi Santoso dan Rina Wulandari (BS-RW) dengan H Joko Susilo dan Hendra sebagai kandidat "
     "bupati dan wakil bupati pada Pilkada Kabupaten Sleman.\nSementara itu BS-WR didukung oleh partai Demokrat, "
     "PDIP, PKS dengan total kursi 10 kursi. Kemudian H Joko Susilo dan Hendra dengan dukungan Partai Golkar "
     "dan PPP.",
     [(None, "Budi Santoso", "Rina Wulandari", {"DEMOKRAT", "PDIP", "PKS"}, "34.04", 2020),
      (None, "Joko Susilo", "Hendra", {"GOLKAR", "PPP"}, "34.04", 2020)]),
]

CONTESTS = [
    # provincial contest named like a kota
    ("Pilkada 2024. Pasangan calon gubernur Bengkulu Andi Saputra-Budi Hartono mendapat nomor urut 1.",
     [(1, "Andi Saputra", "Budi Hartono", set(), "17", 2024)]),
    # two contests in one article
    ("Pilkada Kota Jambi 2024 diikuti pasangan Maulana Hasan-Diza Putri yang diusung PKB. Sementara di Pilgub "
     "Jambi 2024, pasangan Romi Hariyanto-Sudirman Hadi diusung PAN dan Golkar.",
     [(None, "Maulana Hasan", "Diza Putri", {"PKB"}, "15.71", 2024),
      (None, "Romi Hariyanto", "Sudirman Hadi", {"PAN", "GOLKAR"}, "15", 2024)]),
    # sections opened by "Di X,"
    ("Tiga Pilkada serentak tahun 2020 di DIY.\nDi Sleman, ada 2 paslon:\nNomor urut 1, Budi Santoso-Rina "
     "Wulandari.\nNomor urut 2, Joko Prasetyo-Dewi Lestari.\nDi Pilkada Bantul, ada satu paslon:\nNomor urut 1, "
     "Hendra Gunawan-Wahyu Nugroho.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2020),
      (2, "Joko Prasetyo", "Dewi Lestari", set(), "34.04", 2020),
      (1, "Hendra Gunawan", "Wahyu Nugroho", set(), "34.02", 2020)]),
    # national contest
    ("Pada Pilpres 2024, pasangan calon presiden dan wakil presiden Budi Santoso-Rina Wulandari diusung Partai "
     "Gerindra, Golkar dan PAN.", [(None, "Budi Santoso", "Rina Wulandari", {"GERINDRA", "GOLKAR", "PAN"}, "ID", 2024)]),
    # a 2025 re-vote belongs to the 2024 cycle; a term "2019-2024" is not the contest year
    ("Debat pemungutan suara ulang (PSU) Pilkada Kukar digelar Rabu (9/4/2025). Paslon nomor urut 01 Aulia "
     "Rahman Basri dan Rendi Solihin, anggota DPRD periode 2019-2024, hadir.",
     [(1, "Aulia Rahman Basri", "Rendi Solihin", set(), "64.02", 2024)]),
]

MERGING = [
    # short names, a nickname in brackets and a misspelt mate are the same ticket
    ("Pilkada Kabupaten Aceh Barat 2024. Pasangan calon Tarmizi Hasan dan Said Fadhil (Tarsa) mendapatkan nomor "
     "urut 1. Tarsa-Hakam hadir. Pasangan Tarmizi-Said Fadil diusung Partai Aceh dan PAN.",
     [(1, "Tarmizi Hasan", "Said Fadhil", {"PA", "PAN"}, "11.05", 2024)]),
    ("Pilkada Kota Medan 2020. Pasangan nomor urut 1, Kurnia Agustina dan Usman Sayogi. Juru bicara Kurnia "
     "Agustina-Usman Sayogi menyebut pasangan Nia-Usman siap.",
     [(1, "Kurnia Agustina", "Usman Sayogi", set(), "12.71", 2020)]),
    # a running mate named alone is not a second ticket
    ("Pilgub Bengkulu 2024. Nomor urut 1, Helmi Hasan-Mian Sutrisno. Calon wakil gubernur nomor urut 1 Mian "
     "Sutrisno menyampaikan pesan damai. Calon gubernur nomor urut 1 Helmi Hasan mengatakan hal serupa.",
     [(1, "Helmi Hasan", "Mian Sutrisno", set(), "17", 2024)]),
]

SECTIONS = [
    # a kabupaten section opened in mid-sentence, inside a quote and after a discourse word; the organiser
    # "KPU Provinsi X" of a lead about "calon bupati" is no Gubernur contest; the dateline is no contest
    ("AMBON, Siwalimanews – KPU Provinsi Maluku memastikan lima pasangan calon bupati dan wakil bupati telah "
     "ditetapkan.\n\nIa merincikan, untuk Kabupaten MBD telah ditetapkan dua paslon yakni, Budi Santoso-Rina "
     "Wulandari yang didukung PDIP, Hanura, serta paslon Joko Prasetyo dan Dewi Lestari dari jalur perseorangan."
     "\n\n“Untuk SBT telah ditetapkan dua paslon yakni, paslon Hendra Gunawan-Wahyu Nugroho yang didukung Partai "
     "Golkar dan PAN, kemudian paslon perseorangan Andi Saputra dan Budi Hartono,” rinci Kubangun.\n\n"
     "Salanjutnya, untuk Kabupaten Bursel juga telah ditetapkan paslon Candra Wijaya-Dedi Kurniawan didukung Nasdem.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PDIP", "HANURA"}, "81.08", None),
      (None, "Joko Prasetyo", "Dewi Lestari", set(), "81.08", None),
      (None, "Hendra Gunawan", "Wahyu Nugroho", {"GOLKAR", "PAN"}, "81.05", None),
      (None, "Andi Saputra", "Budi Hartono", set(), "81.05", None),
      (None, "Candra Wijaya", "Dedi Kurniawan", {"NASDEM"}, "81.09", None)]),
    # "untuk <region>" that opens nothing: no kind word, no "telah/juga/…" after it
    ("Pilkada Kabupaten Sleman 2024. Bupati menyalurkan bantuan untuk Bantul. Pasangan Budi Santoso-Rina "
     "Wulandari mendapat nomor urut 1.", [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024)]),
    # "…, di Kota X" after a clause is a venue, and "untuk Kabupaten X" in a sentence that does not go on to
    # speak of pairs opens no section
    ("Debat kandidat Pilgub Sulawesi Tenggara 2024 digelar hari ini.\nPengundian berlangsung Senin, di Kota "
     "Kendari. Pasangan Budi Santoso-Rina Wulandari mendapat nomor urut 1.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "74", 2024)]),
    ("Pilkada Kabupaten Sleman 2024 diikuti dua pasangan. KPU menyiapkan logistik untuk Kabupaten Bantul dan "
     "Kulon Progo. Pasangan Budi Santoso-Rina Wulandari mendapat nomor urut 1.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024)]),
    # "calon bupati" after an organiser of the province: the kabupaten named before
    ("Pilkada Kabupaten Kendal 2024 dipantau KPU Provinsi Jawa Tengah. Pasangan calon bupati Budi Santoso-"
     "Rina Wulandari mendapat nomor urut 1.", [(1, "Budi Santoso", "Rina Wulandari", set(), "33.24", 2024)]),
    # the contest named in the sentence beats the organiser "KPU <province>" before the pair
    ("KPU Kalimantan Selatan menetapkan pasangan calon tunggal Hj. Siti Rahmawati dan Bambang Irawan sebagai "
     "pemenang Pemungutan Suara Ulang (PSU) Pemilihan Wali Kota dan Wakil Wali Kota Banjarbaru.",
     [(None, "Siti Rahmawati", "Bambang Irawan", set(), "63.72", ...)]),
    # a law's year is not the contest's: a 2025 re-vote of the 2024 cycle
    ("Sesuai Undang-Undang Pilkada Nomor 10 Tahun 2016, PSU Pilgub Papua digelar pada 2025. Pasangan Budi "
     "Santoso-Rina Wulandari mendapat nomor urut 1.", [(1, "Budi Santoso", "Rina Wulandari", set(), "91", 2024)]),
]

LISTS = [
    # numbers that lead each item of an enumeration bind forward
    ("Pilgub Sulawesi Tenggara 2018. Hasilnya, nomor urut satu didapat pasangan calon Budi Santoso-Rina Wulandari, "
     "nomor urut dua Joko Prasetyo-Dewi Lestari, dan nomor urut tiga Hendra Gunawan- Wahyu Nugroho.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "74", 2018), (2, "Joko Prasetyo", "Dewi Lestari", set(), "74", 2018),
      (3, "Hendra Gunawan", "Wahyu Nugroho", set(), "74", 2018)]),
    # the number after a relative clause about the pair; not across another pair
    ("Pilkada Kabupaten Pasuruan 2013. Nomor urut 1 adalah Budi Santoso – Rina Wulandari (Bunda) yang didukung "
     "oleh PDIP, Joko Prasetyo – Dewi Lestari (Jode) yang diusung Partai Golkar mendapat nomor urut 2. Sedangkan "
     "pasangan Hendra Gunawan – Wahyu Nugroho yang diusung PKB dan Partai Demokrat mendapat nomor urut 4.",
     [(1, "Budi Santoso", "Rina Wulandari", {"PDIP"}, "35.14", 2013),
      (2, "Joko Prasetyo", "Dewi Lestari", {"GOLKAR"}, "35.14", 2013),
      (4, "Hendra Gunawan", "Wahyu Nugroho", {"PKB", "DEMOKRAT"}, "35.14", 2013)]),
    ("Pilkada Kabupaten Pasuruan 2013. Pasangan Budi Santoso – Rina Wulandari yang diusung PDIP, sedangkan "
     "pasangan Joko Prasetyo – Dewi Lestari yang diusung Golkar mendapat nomor urut 2.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PDIP"}, "35.14", 2013),
      (2, "Joko Prasetyo", "Dewi Lestari", {"GOLKAR"}, "35.14", 2013)]),
    # "Pasangan ini / Mereka … nomor urut N": the pair just introduced; a rank "(Purn)" is an honorific
    ("Pilgub Sulawesi Barat 2024.\nBudi Santoso-Rina Wulandari, yang diusung oleh Partai Golkar dan PAN. Pasangan "
     "ini memperoleh 10.000 suara di Sulbar, dan akan menggunakan nomor urut 1.\nJoko Prasetyo-Jenderal (Purn) "
     "Dewi Lestari, yang didukung oleh PKS. Mereka akan bertanding dengan nomor urut 2.",
     [(1, "Budi Santoso", "Rina Wulandari", {"GOLKAR", "PAN"}, "76", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", {"PKS"}, "76", 2024)]),
    # ... but not a pair named three paragraphs earlier
    ("Pilgub Sulawesi Barat 2024. Pasangan Budi Santoso-Rina Wulandari diusung Partai Golkar.\n\nRapat dihadiri "
     "banyak pihak.\n\nAcara berlangsung lancar.\n\nPasangan ini mendapat nomor urut 1.",
     [(None, "Budi Santoso", "Rina Wulandari", {"GOLKAR"}, "76", 2024)]),
    # "Mereka … nomor urut N" that names someone else is not about the pair
    ("Pilgub Sulawesi Barat 2024. Pasangan Budi Santoso-Rina Wulandari diusung Partai Golkar. Mereka mendukung "
     "Joko Prasetyo dengan nomor urut 2 di Pilkada Mamuju.",
     [(None, "Budi Santoso", "Rina Wulandari", {"GOLKAR"}, "76", 2024)]),
    # numbered list lines after "… pasangan calon:"; honorifics after the hyphen ("-H.", "-Hj.")
    ("Pilgub Nusa Tenggara Barat 2018 diikuti dua pasangan calon:\n1. H. Budi Santoso-H. Rina Wulandari\n"
     "2. Tgh. Joko Prasetyo-Hj. Dewi Lestari\nPasangan nomor dua, Tgh. Joko Prasetyo-Hj. Dewi Lestari, didukung "
     "PBB dan Hanura.", [(None, "Budi Santoso", "Rina Wulandari", set(), "52", 2018),
                         (2, "Joko Prasetyo", "Dewi Lestari", {"PBB", "HANURA"}, "52", 2018)]),
    # bulleted pairs under "Pilkada <region>" headings, a party count line, then a line of party names
    ("Daftar Calon\nPilkada Maluku Utara\n\n  • Budi Santoso-Rina Wulandari\n    [5 Partai Politik]\n    "
     "Gerindra, Golkar, Perindo, Partai Garuda, dan PBB\n\n  • Joko Prasetyo-Dewi Lestari\n    [1 Partai Politik]"
     "\n    PDIP\n\nPilkada Maluku\n\n  • Hendra Gunawan-Wahyu Nugroho\n    [2 Partai Politik]\n    PKS dan Hanura",
     [(None, "Budi Santoso", "Rina Wulandari", {"GERINDRA", "GOLKAR", "PERINDO", "GARUDA", "PBB"}, "82", ...),
      (None, "Joko Prasetyo", "Dewi Lestari", {"PDIP"}, "82", ...),
      (None, "Hendra Gunawan", "Wahyu Nugroho", {"PKS", "HANURA"}, "81", ...)]),
    # ordinal items after a sentence about pairs, with or without parties
    ("Debat Pilbup Kupang 2024 akan diikuti oleh tiga paslon. Pertama, Budi Santoso-Rina Wulandari. Mereka "
     "diusung oleh PDIP. Keempat, Joko Prasetyo-Dewi Lestari.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PDIP"}, "53.01", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", set(), "53.01", 2024)]),
    # a short name is not another ticket's candidate ("Sujana" of "Habib Sujana" is not Ahmad Sujana)
    ("Pilkada Kabupaten Lombok Tengah 2020. Nomor urut 2 didapatkan oleh pasangan Ahmad Sujana-Budiman. "
     "Selanjutnya nomor urut 3 didapatkan pasangan Masrul-Habib Sujana.",
     [(2, "Ahmad Sujana", "Budiman", set(), "52.02", 2020), (3, "Masrul", "Sujana", set(), "52.02", 2020)]),
    # a nickname in quotes after the head's name; a last line cut off before its full stop, in Title Case
    ("Pilgub Kalimantan Tengah 2024. Nomor urut satu untuk Budi ‘Kobi’–Rina Wulandari. Empat, pasangan Joko "
     "Prasetyo - Dewi Lestari Hidayat diusung Demokrat, PKB, dan PPP",
     [(1, "Budi", "Rina Wulandari", set(), "62", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari Hidayat", {"DEMOKRAT", "PKB", "PPP"}, "62", 2024)]),
    # "Partai pengusul <pair> yakni …"
    ("Pilkada Kota Makassar 2024. Partai pengusul paslon nomor urut satu Budi Santoso-Rina Wulandari (Budiman) "
     "yakni Partai Golkar, Demokrat, Perindo dan partai Ummat. Paslon nomor urut dua Joko Prasetyo-Dewi Lestari "
     "didukung Partai Gerindra.",
     [(1, "Budi Santoso", "Rina Wulandari", {"GOLKAR", "DEMOKRAT", "PERINDO", "UMMAT"}, "73.71", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", {"GERINDRA"}, "73.71", 2024)]),
    # "Nomor Urut N: honorifics A, degrees dan honorifics B, degrees" list lines
    ("KPU Kabupaten Sleman menetapkan nomor urut pasangan calon Bupati dan Wakil Bupati Sleman 2024, yaitu;\n"
     "Nomor Urut 1: Dr. H Budi Santoso, S.H., M.Kn dan Ir. Rina Wulandari, M.Si,\n"
     "Nomor Urut 2 : Drs. Joko Prasetyo, M.H dan Hj. Dewi Lestari, S.Sos., M.M.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", set(), "34.04", 2024)]),
    # "1. Nomor Urut 01" alone on a line, the pair on the next, its parties on the line after
    ("KPU Kabupaten Sleman menetapkan nomor urut pasangan calon Pilkada Sleman 2024.\n1. Nomor Urut 01\n"
     "Budi Santoso – Rina Wulandari\n- Partai Pengusung: Golkar dan PPP\n2. Nomor Urut 02\nJoko Prasetyo – Dewi "
     "Lestari\n- Partai Pengusung: PDIP, Gerindra, dan PKS",
     [(1, "Budi Santoso", "Rina Wulandari", {"GOLKAR", "PPP"}, "34.04", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", {"PDIP", "GERINDRA", "PKS"}, "34.04", 2024)]),
    # "Calon Bupati nomor urut dua adalah HM. X": honorifics between the number and the name
    ("Pilkada Kabupaten Sleman 2024. Calon Bupati nomor urut dua adalah HM. Joko Prasetyo yang lulus dari UGM.",
     [(2, "Joko Prasetyo", None, set(), "34.04", 2024)]),
    # the winners sworn in: "melantik Bupati dan Wakil Bupati <region> A dan B"; a ticket dated after the
    # cycle year (2025) belongs to that cycle (2024)
    ("Sofifi, 21 Maret 2025 – Gubernur Maluku Utara Budi Santoso secara resmi melantik Bupati dan Wakil Bupati "
     "Halmahera Utara Joko Prasetyo dan Dewi Lestari Hi Ahmad.",
     [(None, "Joko Prasetyo", "Dewi Lestari Hi Ahmad", set(), "82.03", 2024)]),
    # a running mate only in a vote-tally list under a sub-heading: "1. A – B = 2" joins the head named alone
    ("Pilkada Kabupaten Sleman 2024. Cabup Sleman nomor urut 1 H Budi Santoso ME menuturkan hasil itu sah.\n"
     "Berikut perolehan suara masing-masing Paslon di dua TPS:\nTPS 3 Kecamatan Depok:\n1. Budi – Rina Wulandari = 2"
     "\n2. Joko Prasetyo – Dewi Lestari = 5",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", set(), "34.04", 2024)]),
    # a numbered list under a line about the ballot numbers that ends with a colon: the ballot order
    ("Pilkada Kabupaten Sleman 2024. KPU memastikan nomor urut pasangan calon tidak berubah. Dengan demikian, "
     "susunan peserta adalah:\n1. Budi Santoso – Rina Wulandari\n2. Cecep Nurul Yakin – Dewi Lestari\n"
     "3. Hendra Gunawan – Wahyu Nugroho\nSemua berjalan lancar.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024),
      (2, "Cecep Nurul Yakin", "Dewi Lestari", set(), "34.04", 2024),
      (3, "Hendra Gunawan", "Wahyu Nugroho", set(), "34.04", 2024)]),
    # ... but not under a line that does not speak of the ballot number: only the order of writing
    ("Pilkada Kabupaten Sleman 2024. Pasangan calon yang telah resmi ditetapkan adalah:\n1. Budi Santoso – "
     "Rina Wulandari (didukung Partai NasDem),\n2. Joko Prasetyo – Dewi Lestari (didukung PDIP),\nPengundian "
     "nomor urut akan dilakukan besok.",
     [(None, "Budi Santoso", "Rina Wulandari", {"NASDEM"}, "34.04", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", {"PDIP"}, "34.04", 2024)]),
    # "mengusung <party post> A dan <party post> B"
    ("Koalisi besar terjadi di Pilkada Papua Barat 2024. Kali ini, mereka sepakat hanya mengusung Ketua DPW "
     "Partai Nasdem Budi Santoso dan Ketua DPD Partai Gerindra Papua Barat Joko Prasetyo.",
     [(None, "Budi Santoso", "Joko Prasetyo", set(), "92", 2024)]),
]

NEGATIVE = [
    # bullets or ordinals with no contest heading and no talk of pairs
    ("Juara ganda campuran\n  • Budi Santoso-Rina Wulandari\n  • Joko Prasetyo-Dewi Lestari", []),
    ("Hasil pertandingan pekan ini:\n1. Budi Santoso-Rina Wulandari\n2. Joko Prasetyo-Dewi Lestari", []),
    ("Laga akbar digelar di Bandung. Pertama, Budi Santoso-Rina Wulandari. Kedua, Joko Prasetyo-Dewi Lestari.", []),
    # a Title Case headline with no lower-case pair word and ticket verb stays a headline
    ("Pilkada Kabupaten Sleman 2024\nBudi Santoso Dan Rina Wulandari Tawarkan Program Gratis Untuk Warga", []),
    # "mengusung A" with anything but a description before the next name
    ("Pilkada Kabupaten Sleman 2024. Partai Golkar mengusung Budi Santoso di Sleman dan Joko Prasetyo di Bantul.", []),
    ("Pilkada Kabupaten Sleman 2024. PDIP mengusung Budi Santoso dan menolak Joko Prasetyo.", []),
    # office holders joined by "dan", "dan wakilnya", "didampingi": no ticket
    ("Bupati Mojokerto Hendra Gunawan dan Wakil Bupati Mojokerto Wahyu Nugroho pecah kongsi tahun ini.", []),
    ("Bupati Gowa Andi Pallawa dan wakilnya Muh Ilham menghadiri upacara.", []),
    ("Hal itu disampaikan, ujar Agus Salim didampingi Kadis Kominfo Kutim Ronny Bonar Siburian.", []),
    # a hyphenated word, a law number
    ("Tugas Plt Bupati diatur dalam Pasal 65 Undang-Undang Nomor 23 Tahun 2014.", []),
    # a pair that did not make the ballot
    ("Pasangan Wali Kota Jambi Syarif Hasan dan Wali Kota Sungai Penuh Asri Bakri yang maju dari jalur partai "
     "politik dalam Pilgub Jambi, akhirnya kandas.", []),
    # a forecast without a running mate
    ("Pilkada Mojokerto 2015. Sementara itu, Choirun Nisa diprediksi mencalonkan diri dengan menggandeng empat "
     "partai tersisa, yakni Partai Kebangkitan Bangsa dan Partai Bulan Bintang.", []),
    # a married couple
    ("Pilkada Sleman 2024. Pasangan suami istri Budi Santoso dan Rina Wulandari datang ke TPS 5.", []),
    # a dash pair with nothing around it
    ("Laga Persib-Persija berakhir imbang di Bandung.", []),
    # an official and an institution: "Penjabat Bupati X dan Forkopimda" is no pair
    ("Pilkada Sleman 2024. Debat kandidat yang disaksikan Penjabat Bupati Budi Santoso dan Forkopimda se "
     "Kabupaten Sleman berjalan lancar.", []),
    ("Pilkada Sleman 2024. Pasangan calon Budi Santoso dan jajarannya mendatangi kantor KPU.", []),
    # a number alone on a line with a non-pair on the next
    # a head's and a deputy's titles before two names, with no swearing-in or win: the incumbents, no ticket
    ("Bupati dan Wakil Bupati Sleman Budi Santoso dan Rina Wulandari menghadiri rapat koordinasi 2024.", []),
    # a score list under a sub-heading with no talk of pairs above
    ("Hasil pertandingan:\nGrup A:\n1. Budi Santoso – Rina Wulandari = 2\n2. Joko Prasetyo – Dewi Lestari = 1", []),
    ("Hasil undian hari ini.\n1. Nomor Urut 01\nBudi Santoso – Rina Wulandari menang di babak final.", []),
]

NAME_OR_REGION = [
    # a region word right after a head's title, two name words after it, in a sentence about another
    # kabupaten: the first word of the name
    ("Sementara itu, Pilkada di Kabupaten Sleman terdapat pasangan muda, yaitu Calon Bupati Bima Eka Santoso "
     "dan Calon Wakil Bupati Joko Prasetyo.",
     [(None, "Bima Eka Santoso", "Joko Prasetyo", set(), "34.04", ...)]),
    # a kabupaten word after "Gubernur" cannot be the governor's region
    ("Pilgub Jawa Tengah 2024. Calon Gubernur Kudus Eko Prasetyo dan Calon Wakil Gubernur Joko Susilo mendaftar.",
     [(None, "Kudus Eko Prasetyo", "Joko Susilo", set(), "33", 2024)]),
    # ... but the region of the title stays a region
    ("Calon Bupati Sleman Budi Santoso dan Calon Wakil Bupati Sleman Joko Prasetyo mendaftar ke KPU, 2024.",
     [(None, "Budi Santoso", "Joko Prasetyo", set(), "34.04", 2024)]),
]

PARTY_SENTENCES = [
    # "paslon yang diusung A, B" with no pair named: the ticket of the candidate named last just before
    ("Debat Pilkada Sleman 2024 diikuti paslon Budi Santoso-Rina Wulandari nomor urut 1 dan pasangan Joko "
     "Prasetyo-Dewi Lestari nomor urut 2. Setelah itu giliran Dewi Lestari memaparkan visi-misi paslon sambil duduk. "
     "Ia tampak kaku membaca visi-misi paslon yang diusung PDI-Perjuangan, Gerindra, dan Hanura.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", {"PDIP", "GERINDRA", "HANURA"}, "34.04", 2024)]),
    # ... not when the sentence before names no candidate
    ("Debat Pilkada Sleman 2024 diikuti paslon Budi Santoso-Rina Wulandari nomor urut 1.\n\nCuaca cerah.\n\n"
     "Hujan turun.\n\nPenonton memuji visi-misi paslon yang diusung PDI-Perjuangan dan Hanura.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024)]),
    # a misspelt long name with its short form in brackets: the bracket wins
    ("Pilkada Kabupaten Sleman 2024. Pasangan calon Budi Santoso - Rina Wulandari diusung Partai Gerindra, "
     "Partai Nasasional Demokrasi (Nas Dem), Partai Keadilan Sejahtra (PKS), dan Partai Demokrat.",
     [(None, "Budi Santoso", "Rina Wulandari", {"GERINDRA", "NASDEM", "PKS", "DEMOKRAT"}, "34.04", 2024)]),
    # a count, then the list behind "yakni", even after a stray full stop
    ("Pilkada Kabupaten Sleman 2020. Pasangan Budi Santoso-Rina Wulandari didukung tiga partai politik dengan "
     "13 kursi di DPRD. yakni PAN dan Nasdem masing-masing lima kursi serta Demokrat tiga kursi.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PAN", "NASDEM", "DEMOKRAT"}, "34.04", 2020)]),
    ("Pilkada Kabupaten Sleman 2020. Pasangan Budi Santoso-Rina Wulandari didukung tiga partai dengan 13 kursi, "
     "yaitu PKB, PAN dan Golkar.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PKB", "PAN", "GOLKAR"}, "34.04", 2020)]),
]


GENERALISED = [
    # list items "N. A dan B: parties (seats)" under region sub-headings, below a line about candidates that
    # opens a list ("berikut"); seats in brackets are no party; an independent item has no party
    ("Sesuai data KPU provinsi, berikut nama-nama bakal calon tersebut.\n\n1.Kabupaten Sintang:\n\n"
     "  1. Budi Santoso dan Rina Wulandari, independen: 12.345 dukungan\n"
     "  2. Joko Prasetyo dan Dewi Lestari: PAN (6 kursi) dan Nasdem (3 kursi)\n\n2.Kabupaten Sanggau\n\n"
     "  1. Hendra Gunawan-Wahyu Nugroho: PDIP (6 Kursi), Demokrat (4 Kursi), PBB (1 kursi)\n"
     "  2. Agus Salim dan Sri Rahayu; didukung Hanura (5 kursi), PKB (2 kursi)",
     [(None, "Budi Santoso", "Rina Wulandari", set(), "61.05", ...),
      (None, "Joko Prasetyo", "Dewi Lestari", {"PAN", "NASDEM"}, "61.05", ...),
      (None, "Hendra Gunawan", "Wahyu Nugroho", {"PDIP", "DEMOKRAT", "PBB"}, "61.03", ...),
      (None, "Agus Salim", "Sri Rahayu", {"HANURA", "PKB"}, "61.03", ...)]),
    # ... but a numbered list of two people under a line about something else is no list of pairs
    ("Rapat dihadiri para pejabat berikut.\n1. Budi Santoso dan Rina Wulandari, staf ahli\n"
     "2. Joko Prasetyo dan Dewi Lestari: PAN (6 kursi)", []),
    # a dash list without numbers, parties in brackets, under "Berikut nomor urut paslon:"
    ("Pilkada Kota Palu 2024.\nBerikut daftar paslon:\n- Budi Santoso – Rina Wulandari (PDI Perjuangan, PAN)\n"
     "- Joko Prasetyo – Dewi Lestari (Golkar, PKS)",
     [(None, "Budi Santoso", "Rina Wulandari", {"PDIP", "PAN"}, "72.71", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", {"GOLKAR", "PKS"}, "72.71", 2024)]),
    # a ballot-number list cut into sections by province sub-headings, furniture between
    ("Pilkada 2024. Berikut daftar nomor urut cagub-cawagub di setiap provinsi:\nBengkulu\n"
     "1. Budi Santoso-Rina Wulandari\n2. Joko Prasetyo-Dewi Lestari\nLampung\n"
     "BACA JUGA: Harga Cabai Naik Lagi di Pasar Induk\n1. Hendra Gunawan-Wahyu Nugroho\n2. Agus Salim-Sri Rahayu",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "17", 2024), (2, "Joko Prasetyo", "Dewi Lestari", set(), "17", 2024),
      (1, "Hendra Gunawan", "Wahyu Nugroho", set(), "18", 2024), (2, "Agus Salim", "Sri Rahayu", set(), "18", 2024)]),
    # a provincial KPU named after a kota's contest is the body above it, not the contest
    ("PSU Pilkada Kota Parepare memasuki babak baru. Anggota KPU Sulsel, Budi Hartono, hadir.\n"
     "Berikut nomor urut paslon:\n- Budi Santoso – Rina Wulandari (Golkar, PKS)\n- Joko Prasetyo – Dewi Lestari (PAN)",
     [(None, "Budi Santoso", "Rina Wulandari", {"GOLKAR", "PKS"}, "73.72", ...),
      (None, "Joko Prasetyo", "Dewi Lestari", {"PAN"}, "73.72", ...)]),
    # "A-B sebagai pasangan nomor urut 1, dan C-D sebagai pasangan calon nomor urut 2": each its own number
    ("Pilkada Kabupaten Kebumen 2024. Adapun dua pasangan calon, Budi Santoso – Rina Wulandari sebagai pasangan "
     "nomor urut 1, dan Joko Prasetyo – Dewi Lestari sebagai pasangan calon nomor urut 2.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "33.05", 2024), (2, "Joko Prasetyo", "Dewi Lestari", set(), "33.05", 2024)]),
    # "paslon dua, A dan B": a cardinal right after "paslon"
    ("Debat Pilkada Kabupaten Kebumen 2024: pasangan calon nomor satu, Budi Santoso dan Rina Wulandari dan paslon "
     "dua, Joko Prasetyo dan Dewi Lestari, tampil tenang.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "33.05", 2024), (2, "Joko Prasetyo", "Dewi Lestari", set(), "33.05", 2024)]),
    # "Name, calon Bupati nomor urut 02, …": a head named alone in apposition; a running mate alone is no ticket
    ("Pilkada Kabupaten Kebumen 2024. Agus Salim, calon Wakil Bupati nomor urut 01, siap berdebat. Sementara itu, "
     "Joko Prasetyo, calon Bupati nomor urut 02, menekankan visi dan misi.",
     [(2, "Joko Prasetyo", None, set(), "33.05", 2024)]),
]

# How ballot numbers and name variants are written around a pair (round 5).
NUMBERS_AND_VARIANTS = [
    # the ballot number in brackets after each pair of a list, each pair on its own line
    ("PSU Pilkada Kabupaten Kebumen digelar besok. Peserta PSU adalah dua paslon berikut:\n\n"
     "Budi Santoso – Rina Wulandari (Nomor Urut 1)\n\nJoko Prasetyo – Dewi Lestari (Nomor Urut 2)",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "33.05", ...), (2, "Joko Prasetyo", "Dewi Lestari", set(), "33.05", ...)]),
    # bare numbers in brackets with a leading zero, one dash with a space after it only
    ("Debat Pilwalkot Bitung 2024 dihadiri tiga paslon, yaitu Budi Santoso-Rina Wulandari (01), "
     "Joko Prasetyo-Dewi Lestari (02), dan Agus Salim- Sri Rahayu (03).",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "71.72", 2024), (2, "Joko Prasetyo", "Dewi Lestari", set(), "71.72", 2024),
      (3, "Agus Salim", "Sri Rahayu", set(), "71.72", 2024)]),
    # ... counting 1, 2 without the zero; a single bare bracketed number (an age?) is no ballot number
    ("Pilkada Kota Bitung 2024 diikuti paslon Budi Santoso-Rina Wulandari (1) dan Joko Prasetyo-Dewi Lestari (2).",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "71.72", 2024), (2, "Joko Prasetyo", "Dewi Lestari", set(), "71.72", 2024)]),
    ("Pilkada Kota Bitung 2024 diikuti paslon Budi Santoso-Rina Wulandari (45) yang diusung PKB.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PKB"}, "71.72", 2024)]),
    # "no 1" without a dot and "nomer urut"; a decree's "no 2112" is no ballot number
    ("KPU Kabupaten Kebumen menetapkan nomer urut dua paslon Bupati Kebumen 2024 dalam SK KPU no 2112 tahun 2024. "
     "Paslon Budi Santoso-Rina Wulandari mendapatkan no 1. Sementara untuk paslon Joko-Dewi mendapatkan nomer 2.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "33.05", 2024), (2, "Joko", "Dewi", set(), "33.05", 2024)]),
    # the order of registration is no ballot number; a candidate named alone then "memperoleh nomor urut N"
    # gives the number to his ticket, said of the running mate too; a queue number is no ballot number
    ("Pilgub Jambi 2024. Pasangan pertama adalah Budi Santoso - Rina Wulandari, diusung PKB. Pasangan kedua adalah "
     "Joko Prasetyo - Dewi Lestari. Rina Wulandari mendapatkan nomor antrian 7. Budi Santoso memperoleh nomor "
     "urut 2, sedangkan Dewi Lestari mendapat nomor urut 1.",
     [(2, "Budi Santoso", "Rina Wulandari", {"PKB"}, "15", 2024), (1, "Joko Prasetyo", "Dewi Lestari", set(), "15", 2024)]),
    # a caption's short forms and the body's full names (one surname each; a mate's given name spelt two
    # ways) are one ticket: the fuller name, else the one written with the ballot number
    ("Pilgub Jambi 2024, Budi-Rina No 1, Yos-Dewi No 2\nDua pasangan calon (dari kiri) Budi Santoso-Rina Wulandari "
     "dan Yos Wuwung-Andreas Lamere.\nJAMBI - Pasangan calon Budi Santoso-Rina Wulandari mendapat nomor urut 1. "
     "Pasangan calon Yohanes Paulus Wuwung-Adrianus Lamere mendapatkan nomor urut 2.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "15", 2024),
      (2, "Yohanes Paulus Wuwung", "Adrianus Lamere", set(), "15", 2024)]),
    # "berada di nomor urut 1"
    ("Pilkada Kabupaten Kebumen 2024. Pasangan Budi Santoso dan Rina Wulandari berada di nomor urut 1.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "33.05", 2024)]),
    # "A dan B (nomor urut 1)": the bracketed ballot number makes the join a pair
    ("Pilkada Kabupaten Kebumen 2024. Budi Santoso dan Rina Wulandari (nomor urut 1) hadir dalam debat.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "33.05", 2024)]),
    # "A-B atau yang dikenal dengan X mendapat nomor urut 1": the number after an "atau yang" clause
    ("Pilkada Kabupaten Kebumen 2024. Budi Santoso-Rina Wulandari atau yang dikenal dengan BRW mendapat nomor "
     "urut 1.", [(1, "Budi Santoso", "Rina Wulandari", set(), "33.05", 2024)]),
    # ... but two tickets whose heads only share a surname stay two
    ("Pilgub Jambi 2024. Pasangan calon Budi Santoso-Rina Wulandari mendapat nomor urut 1. Pasangan calon "
     "Joko Santoso-Dewi Lestari mendapatkan nomor urut 2.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "15", 2024), (2, "Joko Santoso", "Dewi Lestari", set(), "15", 2024)]),
]


@pytest.mark.parametrize("headline", ["Kabar Budi-Rina Nomor Urut 1, Joko-Dewi Nomor 2",
                                      "Kabar Budi-Rina Nomor Urut 1, Joko Nomor 2"])
def test_number_after_a_name_is_not_the_next_names(headline):
    """``A-B Nomor Urut 1, C-D Nomor 2``: C, followed by its own number, is not number 1."""
    from kg.extract.mentions import tag_mentions
    from kg.extract.pairs import find_pair_mentions
    ctx = context()
    m = tag_mentions(document(headline + "\nKPU Provinsi Bengkulu menetapkan nomor urut calon gubernur."),
                     ctx.lexicon, ctx.gazetteer)
    found = [(p.number, p.head.name.name if p.head else None) for p in find_pair_mentions(m, ctx.lexicon)]
    assert (1, "Joko") not in found, found


ROUND6 = [
    # a nickname in brackets after each name of a pair: "A (Nick) - B (Nick)", "A (Nick) dan B (Nick)",
    # "A (Nick) yang berpasangan dengan B (Nick)"
    ("Pilkada Kabupaten Sleman 2024. Pasangan Budi Santoso (Kobi) - Rina Wulandari (Rina) mendapat nomor urut 2.",
     [(2, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024)]),
    ("Pilkada Kabupaten Sleman 2024. Paslon Budi Santoso (Toke Budi) dan Rina Wulandari (Apong) mendapatkan nomor "
     "urut 1, Joko Prasetyo (Neuk Tu) yang berpasangan dengan Dewi Lestari (Amat) mendapatkan nomor 2.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "34.04", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", set(), "34.04", 2024)]),
    # a pair's nickname in Title Case after a pair word names that pair when its parties are listed
    ("KPU Kabupaten Sleman menetapkan dua pasangan calon untuk Pilkada 2024. Kedua paslon adalah Budi Santoso-"
     "Rina Wulandari (Bunda) dan Joko Prasetyo-Dewi Lestari (Jode). Pasangan Bunda menjadi pendaftar pertama "
     "dengan dukungan dari tiga partai politik, yakni PPP, Demokrat, dan PSI. Pasangan kedua yang mendaftar "
     "adalah Jode, didukung oleh Nasdem dan Partai Buruh.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PPP", "DEMOKRAT", "PSI"}, "34.04", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", {"NASDEM", "BURUH"}, "34.04", 2024)]),
    # ... an unknown word after the pair word is no nickname: the list goes to the ticket spoken of last
    ("Pilkada Kabupaten Sleman 2024. Pasangan Budi Santoso-Rina Wulandari (Bunda) mendaftar. Pasangan Hebat "
     "didukung oleh PKS.", [(None, "Budi Santoso", "Rina Wulandari", {"PKS"}, "34.04", 2024)]),
]


ROUND7 = [
    # numbers that close each pair's clause: "A dan B yang didukung … memperoleh nomor urut 3, C dan D … nomor urut 4"
    ("Pilkada Kabupaten Karo 2020. Paslon Budi Santoso, SH dan Ir Rina Wulandari, MM, yang didukung Partai PDI "
     "Perjuangan memperoleh nomor urut 3, Joko Prasetyo dan Drs Dewi Lestari yang diusung koalisi Partai Golkar, PAN "
     "dan Demokrat memperoleh nomor urut 4.",
     [(3, "Budi Santoso", "Rina Wulandari", {"PDIP"}, "12.06", 2020),
      (4, "Joko Prasetyo", "Dewi Lestari", {"GOLKAR", "PAN", "DEMOKRAT"}, "12.06", 2020)]),
    # ... but a number written right before the next pair leads that pair
    ("Pilkada Kabupaten Siak 2024. Kemenangan Paslon Budi Santoso-Rina Wulandari itu sempat mendapat sanggahan dari "
     "rivalnya Paslon nomor urut 3 Joko Prasetyo-Dewi Lestari.",
     [(None, "Budi Santoso", "Rina Wulandari", set(), "14.08", 2024),
      (3, "Joko Prasetyo", "Dewi Lestari", set(), "14.08", 2024)]),
    # a trigger with its prefix written apart ("di dukung"), and a list that goes on in the next sentence
    ("Pilkada Kabupaten Nias Utara 2024. Pasangan Budi Santoso-Rina Wulandari di dukung Partai Demokrat 7 kursi.",
     [(None, "Budi Santoso", "Rina Wulandari", {"DEMOKRAT"}, "12.24", 2024)]),
    ("Pilkada Kota Batu 2024. Pasangan Budi Santoso-Rina Wulandari juga mendapat dukungan dari sembilan partai "
     "nonparlemen.\nDiantaranya adalah Partai Persatuan Pembangunan (PPP), Partai Hanura dan Partai Buruh.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PPP", "HANURA", "BURUH"}, "35.79", 2024)]),
    # a seat count after one item does not end the list when more parties follow
    ("Pilkada Musi Banyuasin 2024. Pasangan Budi Santoso-Rina Wulandari didukung Partai Amanat Nasional (PAN) dengan "
     "2 kursi, Partai Nasdem 5 kursi, serta Partai Hanura dan Partai Perindo yang masing-masing memiliki 1 kursi.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PAN", "NASDEM", "HANURA", "PERINDO"}, "16.06", 2024)]),
    ("Pilkada Musi Banyuasin 2024. Pasangan Budi Santoso-Rina Wulandari didukung PAN dan Nasdem dengan 7 kursi. "
     "Joko Prasetyo dari PKS hadir.",
     [(None, "Budi Santoso", "Rina Wulandari", {"PAN", "NASDEM"}, "16.06", 2024)]),
    # an official and his staff joined by an escort verb are no pair, even in a sentence about candidates
    ("Penetapan pasangan calon Pilkada Kota Bitung 2024 dipimpin Ketua KPU Kota Bitung Budi Santoso didampingi oleh "
     "Ketua Divisi Teknis Rina Wulandari.", []),
    ("Pilkada Garut 2024. Calon bupati Budi Santoso didampingi Rina Wulandari mendaftar ke KPU.",
     [(None, "Budi Santoso", "Rina Wulandari", set(), "32.05", 2024)]),
    # a head and deputy whose term ends, with no word of candidacy: office holders, not a ticket
    ("Pj Wali Kota Tarakan dilantik setelah masa jabatan pasangan dr Budi Santoso dan Wakil Walikota Rina Wulandari "
     "berakhir pada 2024.", []),
    ("Kota Salatiga 2020. Selepas pasangan Budi Santoso-Rina Wulandari lengser, Pj dilantik.", []),
    ("Pilkada Kota Salatiga 2024. Pasangan Budi Santoso-Rina Wulandari terpilih untuk periode 2024-2029.",
     [(None, "Budi Santoso", "Rina Wulandari", set(), "33.73", 2024)]),
    # one pair written twice with one name misspelt is one ticket, numbered, with its parties
    ("Pilkada Aceh Tenggara 2024. Pasangan Budi Santosa Fakhri-Dr. Rina Wulandari (SAH) diusung PAN dan PKS. "
     "Budi Santosa Fahry dan Dr.Rina Wulandari (SAH), mereka mendapatkan nomor urut 1.",
     [(1, "Budi Santosa Fakhri", "Rina Wulandari", {"PAN", "PKS"}, "11.02", 2024)]),
    # degrees after a comma belong to the name before ("A, S.Ag berpasangan dengan B")
    ("Pilkada Kabupaten Indragiri Hilir 2024. Pasangan calon yang ditetapkan yaitu Ust Budi Santoso, S.Ag berpasangan "
     "dengan Rina Wulandari, kemudian H. Joko Prasetyo, S.E., M.T berpasangan dengan Dewi Lestari.",
     [(None, "Budi Santoso", "Rina Wulandari", set(), "14.04", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", set(), "14.04", 2024)]),
]

ROUND8 = [
    # the contest a sentence names ("paslon Bupati dan Wakil Bupati R", "calon Bupati (Cabub) R") beats the
    # election body of another region that runs the event
    ("KPU Kota Palu menggelar debat publik bagi pasangan calon (paslon) Bupati dan Wakil Bupati Sigi pada Kamis. "
     "Debat mempertemukan dua paslon Calon Bupati (Cabub) Sigi pada Pilkada 2024. Budi Santoso dan Rina Wulandari "
     "(01), Joko Prasetyo dan Dewi Lestari (02).",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "72.10", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", set(), "72.10", 2024)]),
    # a past contest ("pada Pilkada R 2015 lalu") speaks of its own sentence, not of the pairs after it
    ("Pengundian nomor urut Pemilihan Wali Kota Kediri 2020 digelar Kamis. Paslon Budi Santoso-Rina Wulandari "
     "mendapat nomor urut satu. Sebab pada Pilkada Kediri 2015 lalu, nomor inilah yang menang. "
     "Lalu, paslon Joko Prasetyo-Dewi Lestari mendapat nomor urut dua.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "35.71", 2020),
      (2, "Joko Prasetyo", "Dewi Lestari", set(), "35.71", 2020)]),
    # a numbered list under a short "Hasilnya:" after a line about the ballot-number draw gives the numbers
    ("Pilkada Kota Madiun 2024 diikuti dua pasangan calon (paslon).\n\nKPU Kota Madiun juga telah melakukan pengundian nomor urut.\n\nHasilnya:\n\n"
     "1. Budi Santoso - Rina Wulandari\n\n2. Joko Prasetyo - Dewi Lestari\n\nKedua paslon siap berkompetisi.",
     [(1, "Budi Santoso", "Rina Wulandari", set(), "35.77", 2024),
      (2, "Joko Prasetyo", "Dewi Lestari", set(), "35.77", 2024)]),
    # ... but not under "Hasilnya:" after a line about registration
    ("Pilkada Kota Madiun 2024 diikuti dua pasangan calon (paslon).\n\nKPU Kota Madiun telah menetapkan pasangan calon.\n\nHasilnya:\n\n"
     "1. Budi Santoso - Rina Wulandari\n\n2. Joko Prasetyo - Dewi Lestari\n\nKedua paslon, Budi Santoso - Rina "
     "Wulandari dan Joko Prasetyo - Dewi Lestari, siap berkompetisi.",
     [(None, "Budi Santoso", "Rina Wulandari", set(), "35.77", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", set(), "35.77", 2024)]),
    # a list of pairs whose items each carry a "Diusung oleh:" line and one party per bulleted line below;
    # ranks with their corps and retirement mark, and honorifics with commas, before the names
    ("KPU Provinsi Jambi telah menetapkan tiga pasangan calon Pemilihan Gubernur Jambi 2024.\n"
     "Berikut adalah daftar pasangan calon yang telah ditetapkan:\n"
     "1. Budi Santoso, S.Sos dan Rina Wulandari, S.Pd., M.M.\nDiusung oleh:\n– Partai Amanat Nasional (PAN)\n"
     "– Partai Kebangkitan Bangsa (PKB)\n"
     "2. Joko Prasetyo, SE., M.M. dan Dr., Ir. Dewi Lestari, M.T.\nDiusung oleh:\n– Partai Golkar\n"
     "3. Mayjen TNI (Purn) Agus Salim Harahap dan Sri Mulyani, S.IP.\nDiusung oleh:\n– Partai Demokrat\n"
     "– Partai NasDem",
     [(None, "Budi Santoso", "Rina Wulandari", {"PAN", "PKB"}, "15", 2024),
      (None, "Joko Prasetyo", "Dewi Lestari", {"GOLKAR"}, "15", 2024),
      (None, "Agus Salim Harahap", "Sri Mulyani", {"DEMOKRAT", "NASDEM"}, "15", 2024)]),
]


@pytest.mark.parametrize("text,expected", GENERALISED + PAIRS + COALITIONS + CONTESTS + SECTIONS + LISTS + MERGING + NEGATIVE
                         + NAME_OR_REGION + PARTY_SENTENCES + NUMBERS_AND_VARIANTS + ROUND6 + ROUND7 + ROUND8)
def test_tickets(text, expected):
    check(text, expected)


def test_list_of_other_ticket_stays_there():
    """The second ticket's parties never go to the first."""
    got = tickets_of("Pilkada Kota Medan 2020. Pasangan Budi Nasution-Aulia Rahman diusung PDIP dan Gerindra. "
                     "Sementara itu, pasangan Akhyar Siregar-Salman Harahap diusung oleh Partai Demokrat dan PKS "
                     "dengan 11 kursi.")
    parties = {head: set(p) for _, head, _, p, _, _ in got}
    assert parties == {"Budi Nasution": {"PDIP", "GERINDRA"}, "Akhyar Siregar": {"DEMOKRAT", "PKS"}}


def test_independent_word_marks_its_own_pair():
    """"dari jalur perseorangan" marks the pair it follows or precedes, not every pair of the sentence."""
    got = {t.head.name: t.independent for t in claims_of(
        "Pilkada Kabupaten Lombok Tengah 2020. Pasangan Budi Santoso-Rina Wulandari yang didukung PDIP, serta paslon "
        "Joko Prasetyo dan Dewi Lestari dari jalur perseorangan. Kemudian paslon perseorangan Hendra Gunawan dan "
        "Wahyu Nugroho, serta pasangan Andi Saputra-Budi Hartono yang diusung Golkar.").tickets}
    assert got == {"Budi Santoso": False, "Joko Prasetyo": True, "Hendra Gunawan": True, "Andi Saputra": False}
    one = claims_of("Pilkada Kabupaten Sleman 2020. Pasangan Budi Santoso-Rina Wulandari maju dari jalur "
                    "independen.").tickets
    assert [t.independent for t in one] == [True]


def test_ticket_without_region_is_dropped():
    """A ticket whose contest has no region is left out (it would make the whole article invalid)."""
    assert all(t.election.region for t in claims_of(
        "Pasangan Budi Santoso-Rina Wulandari mendapat nomor urut 1 dan diusung PDIP.").tickets)


NAMES = [
    ("Aulia", "Aulia Rahman Basri", True), ("KB", "Kasmidi Bulang", True), ("Nia", "Kurnia Agustina", True),
    ("Eko Fuqani", "Eko Furqani", True), ("Kamaruddin", "Kamruddin", True), ("Fadly", "Rafdi Meri", False),
    ("Budi", "Joko Susilo", False),
    # two neighbouring letters swapped; one word with two slips that keeps its first letter; an initial for a word
    ("Abdul Khair", "Abdul Kahir", True), ("Muhammad Salim Fakhri", "Muhammad Salim Fahry", True),
    ("Emilyh Dominggus Luhukay", "Emmylh D Luhukay", True),
    # ... but two people of one clan, or a given name with three slips, stay apart
    ("Edward Zega", "Martinus Zega", False), ("Yostinus Hulu", "Winarso Hulu", False),
    ("Budi Santoso", "Budi Susanto", False),
]


@pytest.mark.parametrize("a,b,same", NAMES)
def test_close_names(a, b, same):
    assert close(a, b) is same


def test_compatible_initials():
    assert compatible("KB", "Kasmidi Bulang") and not compatible("KB", "Kinsu")


PIECES = list("AaBbKkMmNnPpSs -–,.()\n0123") + [
    "nomor urut ", "pasangan ", "dan ", "diusung ", "PDIP", "Golkar", "berpasangan dengan ", "Pilkada Sleman ",
    "calon wakil bupati ", "(WA)", "alias ", "2024", "kotak kosong", "Budi Santoso", "Rina", "kedua "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_never_raises(text):
    from kg.extract.mentions import tag_mentions
    from kg.extract.tickets import extract_tickets
    ctx = context()
    m = tag_mentions(document(text), ctx.lexicon, ctx.gazetteer)
    claims, _ = extract_tickets(m, ctx.lexicon, ctx.gazetteer)
    for t in claims:
        assert t.head.name and (t.number is None or 1 <= t.number <= 20)
