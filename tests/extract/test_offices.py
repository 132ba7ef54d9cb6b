"""Office holdings: rule tables of invented sentences (invented people, real regions)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.helpers import claims_of

# (text, expected rows: (person, office, region code, qualifier, start, end))
HOLDINGS = [
    # title [region] name
    ("Bupati Sleman Budi Santoso membuka acara itu di Sleman, Senin (12/10/2020).",
     [("Budi Santoso", "Bupati", "34.04", None, None, None)]),
    ("Wakil Gubernur Jawa Barat, Hendra Wijaya, hadir dalam acara tersebut.",
     [("Hendra Wijaya", "Wakil Gubernur", "32", None, None, None)]),
    ("Pj Wali Kota Makassar Andi Pratama meninjau lokasi banjir.",
     [("Andi Pratama", "Wali Kota", "73.71", "Pj", None, None)]),
    ("Pelaksana Harian (Plh) Gubernur Sulawesi Selatan Rahmat Hidayat membuka rapat.",
     [("Rahmat Hidayat", "Gubernur", "73", "Plh", None, None)]),
    ("GOWA – Penjabat sementara (Pjs) Bupati Gowa H Andi Saleh mengingatkan ASN agar netral.",
     [("Andi Saleh", "Bupati", "73.06", "Pjs", None, None)]),
    # "X yang sebelumnya Pj Bupati Y, berpindah menjadi Pj Bupati Z": both posts
    ("Terakhir, Budi Hartono yang sebelumnya Pj Bupati Kebumen, berpindah menjadi Pj Bupati Cilacap, urainya.",
     [("Budi Hartono", "Bupati", "33.05", "Pj", None, None), ("Budi Hartono", "Bupati", "33.01", "Pj", None, None)]),
    # "Pejabat sementara": the spelling without n
    ("Dalam debat tersebut turut hadir Pejabat sementara Bupati Kebumen Budi Hartono dan tokoh masyarakat.",
     [("Budi Hartono", "Bupati", "33.05", "Pjs", None, None)]),
    ("Adi Wijaya sebagai Penjabat (Pj) Bupati Pringsewu dilantik hari ini.",
     [("Adi Wijaya", "Bupati", "18.10", "Pj", None, None)]),
    ("Hadir Sekda Sleman Harda Wiyono dan Ketua DPRD Sleman Haris Sulistyo.",
     [("Harda Wiyono", "Sekretaris Daerah", "34.04", None, None, None),
      ("Haris Sulistyo", "Ketua DPRD", "34.04", None, None, None)]),
    ("Wakil Ketua DPRD Jawa Tengah Sri Lestari menerima audiensi.",
     [("Sri Lestari", "Wakil Ketua DPRD", "33", None, None, None)]),
    ("Kemudian Gubernur Riau inkumben Joko Santoso berpasangan dengan Budi Hartono.",
     [("Joko Santoso", "Gubernur", "14", None, None, None)]),
    ("Sedangkan eks Wako Palembang Deni Saputra meraih nomor urut 2.",
     [("Deni Saputra", "Wali Kota", "16.71", None, None, None)]),
    # the region hides at the head of the name run
    ('"Kami siap," kata Ketua KPU Makassar Faisal Amir, Senin (2/9/2024), di Makassar.',
     [("Faisal Amir", "Ketua KPU", "73.71", None, None, None)]),
    ("Wali Kota Makassar hadir. Rapat dihadiri Camat Tamalate Yusuf Ali dan Camat Mariso Hasan Basri.",
     [("Yusuf Ali", "Camat", "73.71.10", None, None, None),
      ("Hasan Basri", "Camat", "73.71.01", None, None, None)]),
    ("Hadir pula Wakil Bupati Mahakam Hulu, Yosef Lawing dan beberapa asisten.",
     [("Yosef Lawing", "Wakil Bupati", "64.11", None, None, None)]),
    # brackets, ordinals, terms and counts between title, region and holder
    ("Mantan Wali Kota Bogor dua periode, Arya Wirawan, hadir di acara itu.",
     [("Arya Wirawan", "Wali Kota", "32.71", None, None, None)]),
    ("Bupati Sleman periode 2010-2015 Sri Purwanto kini maju lagi.",
     [("Sri Purwanto", "Bupati", "34.04", None, "2010", "2015")]),
    ("Sekretaris Daerah (Sekda) Kabupaten Bogor Burhan Hadi membuka acara.",
     [("Burhan Hadi", "Sekretaris Daerah", "32.01", None, None, None)]),
    ('"Kami siap," kata Ketua Komisi Pemilihan Umum (KPU) Kota Bandung, Suharti Wulan.',
     [("Suharti Wulan", "Ketua KPU", "32.73", None, None, None)]),
    ("Presiden ke-7 RI Joko Santoso hadir. Wakil Presiden Ma'ruf Amin juga hadir.",
     [("Joko Santoso", "Presiden", "ID", None, None, None),
      ("Ma'ruf Amin", "Wakil Presiden", "ID", None, None, None)]),
    ("Kepala Desa Sukamaju, Ahmad Yani, dipanggil Bawaslu Kabupaten Bogor.",
     [("Ahmad Yani", "Kepala Desa", None, None, None, None)]),
    ("Hendi Wijaya resmi dilantik menjadi Wali Kota Semarang periode 2021-2026 oleh Gubernur Jawa Tengah "
     "Ganjar Wibowo.",
     [("Hendi Wijaya", "Wali Kota", "33.74", None, "2021", "2026"),
      ("Ganjar Wibowo", "Gubernur", "33", None, None, None)]),
    # Kepala Dinas: past the agency's name; the region before or after the holder
    ("Kepala Dinas Pendidikan Kutai Timur Budi Prasetyo meminta guru netral.",
     [("Budi Prasetyo", "Kepala Dinas", "64.08", None, None, None)]),
    ("Kepala Dinas Kesehatan (Dinkes) Kota Bandung Anhar Hadi meninjau lokasi.",
     [("Anhar Hadi", "Kepala Dinas", "32.73", None, None, None)]),
    ("Kadis PUPR Kutim Budi Prasetyo meninjau jalan.",
     [("Budi Prasetyo", "Kepala Dinas", "64.08", None, None, None)]),
    ("Kadis Bina Marga dan Bina Konstruksi Joni Iskandar Lampung menjadi Pjs Bupati Way Kanan.",
     [("Joni Iskandar", "Kepala Dinas", "18", None, None, None),
      ("Joni Iskandar", "Bupati", "18.08", "Pjs", None, None)]),
    # name, copula, title; terms
    ("Doni Saputra adalah Bupati Banyuwangi periode 2016-2021.",
     [("Doni Saputra", "Bupati", "35.10", None, "2016", "2021")]),
    ("Rina Marlina merupakan mantan Wali Kota Kendari yang kini maju dalam Pilgub.",
     [("Rina Marlina", "Wali Kota", "74.71", None, None, None)]),
    ("Eko Prasetyo menjabat Bupati Magelang sejak 2021.",
     [("Eko Prasetyo", "Bupati", "33.08", None, "2021", None)]),
    ("Yanto Wibowo diketahui sebagai Plt Wali Kota Medan.",
     [("Yanto Wibowo", "Wali Kota", "12.71", "Plt", None, None)]),
    ("Salim Harahap merupakan Wakil Ketua DPRD Sumut.",
     [("Salim Harahap", "Wakil Ketua DPRD", "12", None, None, None)]),
    ("Joni Saputra yang saat ini juga menjabat Wakil Gubernur Riau ikut hadir.",
     [("Joni Saputra", "Wakil Gubernur", "14", None, None, None)]),
    ("Toni Hartono adalah Bupati Rokan Hulu, sedangkan Marsel Kasim Wakil Bupati Kepulauan Meranti.",
     [("Toni Hartono", "Bupati", "14.06", None, None, None),
      ("Marsel Kasim", "Wakil Bupati", "14.10", None, None, None)]),
    # appositives in brackets and dashes
    ("Pilgub NTB diikuti Ahmad Fauzi (Bupati Lombok Timur petahana) yang berpasangan dengan Lalu Hadi.",
     [("Ahmad Fauzi", "Bupati", "52.03", None, None, None)]),
    ("Pilgub Bengkulu diikuti Hendra Hasan (mantan Wali Kota Bengkulu dua periode) dan pasangannya.",
     [("Hendra Hasan", "Wali Kota", "17.71", None, None, None)]),
    ("Kemudian, Yusuf Rahman –Wali Kota Palu– dan Andi Lolo didukung tiga partai.",
     [("Yusuf Rahman", "Wali Kota", "72.71", None, None, None)]),
    # a pronoun for the person the previous sentence is about; deputy then head
    ("Hendra Gunawan dikenal sebagai tokoh senior di Jember. Ia pernah menjadi Wakil Bupati Jember "
     "periode 2010-2015. Lalu ia menjadi Bupati Jember selama dua periode dari 2015-2025.",
     [("Hendra Gunawan", "Wakil Bupati", "35.09", None, "2010", "2015"),
      ("Hendra Gunawan", "Bupati", "35.09", None, "2015", "2025")]),
    # two names share a head and deputy title pair
    ("Pilkada Kediri hanya diikuti satu paslon, Agus Salim dan Budi Hartono petahana Bupati dan "
     "Wakil Bupati Kediri periode sebelumnya.",
     [("Agus Salim", "Bupati", "35.06", None, None, None),
      ("Budi Hartono", "Wakil Bupati", "35.06", None, None, None)]),
    ("Adi menggantikan Sarjono dan Fahmi yang selesai menjalani masa baktinya sebagai pasangan Bupati dan "
     "Wakil Bupati Pringsewu definitif periode 2017-2022.",
     [("Sarjono", "Bupati", "18.10", None, "2017", "2022"),
      ("Fahmi", "Wakil Bupati", "18.10", None, "2017", "2022")]),
    # passive: an office filled by someone
    ("Jabatan Plt Wali Kota Blitar resmi diemban oleh Wakil Wali Kota Taufik Hidayat hingga akhir Juli 2025.",
     [("Taufik Hidayat", "Wali Kota", "35.72", "Plt", None, "2025"),
      ("Taufik Hidayat", "Wakil Wali Kota", "35.72", None, None, None)]),
    # national posts and bodies
    ("Ketua KPU RI Hasan Basri mengatakan tahapan berjalan lancar.",
     [("Hasan Basri", "Ketua KPU", "ID", None, None, None)]),
    ('"Tahapan berjalan lancar," kata Ketua Bawaslu Rahmat Bagja di Jakarta, Senin.',
     [("Rahmat Bagja", "Ketua Bawaslu", "ID", None, None, None)]),
    ("Bupati Siak hadir bersama menantu Presiden Joko Santoso di Pekanbaru.",
     [("Joko Santoso", "Presiden", "ID", None, None, None)]),
    # second terms and lists of posts with their periods
    ("Rudi Hartono adalah Wali Kota Kendari pada 2010-2015 dan 2016-2021.",
     [("Rudi Hartono", "Wali Kota", "74.71", None, "2010", "2015"),
      ("Rudi Hartono", "Wali Kota", "74.71", None, "2016", "2021")]),
    ("Sementara Rina Wati adalah manajer di PT. Sinar Jaya (2000-2009), Ketua DPRD Sleman (2009-2013), dan "
     "dosen di Yogyakarta.",
     [("Rina Wati", "Ketua DPRD", "34.04", None, "2009", "2013")]),
    ("Ardi Saputra adalah Bupati Sleman (2003-2008). Kalah pada Pilkada 2008, ia kembali maju dalam Pilkada 2013 "
     "dan menang sebagai Bupati Sleman (2013-2018).",
     [("Ardi Saputra", "Bupati", "34.04", None, "2003", "2008"),
      ("Ardi Saputra", "Bupati", "34.04", None, "2013", "2018")]),
    # staff of a holder: the staff member holds the acting post after "sebagai", not the employer's
    ("Yang dilantik yakni Asisten Bidang Umum Sekda Jambi Rudi Hartono sebagai Pjs Bupati Kerinci dan Staf Ahli "
     "Gubernur Jambi Ardi Saputra sebagai Pjs Bupati Merangin.",
     [("Rudi Hartono", "Bupati", "15.01", "Pjs", None, None),
      ("Ardi Saputra", "Bupati", "15.02", "Pjs", None, None)]),
    # kin without a comma: the name after the title is the holder
    ("Hadir pula istri Bupati Sleman Rudi Hartono.",
     [("Rudi Hartono", "Bupati", "34.04", None, None, None)]),
    # a list of institutions: only the person named after a title
    ("Hadir Kapolda Sulteng, Gubernur Sulteng, Komandan Korem 132 Tadulako, Ketua KPU Sulteng Rudi Hartono, "
     "Kejaksaan Tinggi Sulteng dan Badan Intelijen Negara.",
     [("Rudi Hartono", "Ketua KPU", "72", None, None, None)]),
    # a list of "NAME sebagai TITLE" items: the name after a title's comma is the next item's holder
    ("Yang dilantik adalah Rudi Hartono sebagai Pj Bupati Sleman, Ardi Saputra sebagai Pj Bupati Bantul, "
     "dan Rina Wati sebagai Pj Wali Kota Yogyakarta.",
     [("Rudi Hartono", "Bupati", "34.04", "Pj", None, None),
      ("Ardi Saputra", "Bupati", "34.02", "Pj", None, None),
      ("Rina Wati", "Wali Kota", "34.71", "Pj", None, None)]),
    # ... but a name after a title with no holder before it is that title's holder too
    ("Dilantik pula Sekda Sleman, Rudi Hartono sebagai Pj Bupati Bantul.",
     [("Rudi Hartono", "Sekretaris Daerah", "34.04", None, None, None),
      ("Rudi Hartono", "Bupati", "34.02", "Pj", None, None)]),
    # a list of officials: a name already given its title takes no title after its comma
    ("Acara dihadiri Wakil Gubernur Jawa Tengah Rudi Hartono, Ketua DPRD Provinsi dan Kabupaten Sleman, "
     "dan tokoh masyarakat.",
     [("Rudi Hartono", "Wakil Gubernur", "33", None, None, None)]),
    # head and deputy titles joined by a slash
    ("Rotasi jabatan pada Pemerintahan Bupati / Wakil Bupati Sleman Rudi Hartono dan Ardi Saputra dimulai.",
     [("Rudi Hartono", "Bupati", "34.04", None, None, None),
      ("Ardi Saputra", "Wakil Bupati", "34.04", None, None, None)]),
    # a career list with unbracketed and bracketed periods after an adverb and a copula; "Plt." keeps
    # its sentence
    ("Tokoh ini menarik karena Rudi Hartono pernah menjadi Anggota DPRD Kabupaten Sleman, 2009-2014, "
     "Wakil Bupati Sleman (2014-2016), Plt. Bupati Sleman selama dua kali yakni pada tahun 2016-2018 dan "
     "2018-2020.",
     [("Rudi Hartono", "Anggota DPRD", "34.04", None, "2009", "2014"),
      ("Rudi Hartono", "Wakil Bupati", "34.04", None, "2014", "2016"),
      ("Rudi Hartono", "Bupati", "34.04", "Plt", "2016", "2018"),
      ("Rudi Hartono", "Bupati", "34.04", "Plt", "2018", "2020")]),
    # "X (TITLE REGION) sebagai TITLE2 REGION2": a bracketed post on the name, then a copula
    ("Mendagri telah putuskan Joko Prasetyo (Sekda Sleman) sebagai Pj Bupati Bantul.",
     [("Joko Prasetyo", "Sekretaris Daerah", "34.04", None, None, None),
      ("Joko Prasetyo", "Bupati", "34.02", "Pj", None, None)]),
    # a second post of the same holder after a comma: "X adalah Sekda Y, ditunjuk menjadi Pj Bupati Z"
    ("Hendra Wijaya adalah Sekda Klaten, ditunjuk menjadi Pj Bupati Boyolali menggantikan Wahyu Nugroho.",
     [("Hendra Wijaya", "Sekretaris Daerah", "33.10", None, None, None),
      ("Hendra Wijaya", "Bupati", "33.09", "Pj", None, None)]),
    ("Rapat itu dihadiri Agus Salim, Pj Bupati Bantul yang pindah tugas menjadi Pj Bupati Sleman.",
     [("Agus Salim", "Bupati", "34.02", "Pj", None, None), ("Agus Salim", "Bupati", "34.04", "Pj", None, None)]),
    # "Plt TITLE menggantikan Y": Y keeps the post the Plt acts for (not so for a Pj, who may follow a Pj)
    ("Pemprov menyiapkan SK pengangkatan Wakil Bupati Probolinggo Budi Santoso sebagai Plt Bupati Probolinggo "
     "menggantikan Rina Wulandari.",
     [("Budi Santoso", "Wakil Bupati", "35.13", None, None, None), ("Budi Santoso", "Bupati", "35.13", "Plt", None, None),
      ("Rina Wulandari", "Bupati", "35.13", None, None, None)]),
    ("Mendagri melantik Budi Santoso sebagai Pj Bupati Sleman menggantikan Rina Wulandari.",
     [("Budi Santoso", "Bupati", "34.04", "Pj", None, None)]),
    # "X menjadi TITLE R menggantikan Y" for every title but Pj/Pjs: Y held (or holds) TITLE R
    ("Budi Santoso resmi menjadi Wali Kota Bogor menggantikan Rina Wulandari yang mengundurkan diri.",
     [("Budi Santoso", "Wali Kota", "32.71", None, None, None),
      ("Rina Wulandari", "Wali Kota", "32.71", None, None, None)]),
    ("Rapat paripurna melantik Joko Susilo sebagai Wakil Ketua DPRD Sleman menggantikan Rina Wulandari.",
     [("Joko Susilo", "Wakil Ketua DPRD", "34.04", None, None, None),
      ("Rina Wulandari", "Wakil Ketua DPRD", "34.04", None, None, None)]),
    # ... but not after a comma that opens a clause on another post, nor when Y's own post is written
    ("Budi Santoso masih menjadi Sekda Sleman, menggantikan Rina Wulandari, Pj Bupati Bantul yang pindah tugas.",
     [("Budi Santoso", "Sekretaris Daerah", "34.04", None, None, None),
      ("Rina Wulandari", "Bupati", "34.02", "Pj", None, None)]),
    # ... also when the successor is only proposed: Y holds the post now
    ("Sementara, Budi Santoso diusulkan menjadi Bupati Kepulauan Seribu menggantikan Rina Wulandari.",
     [("Rina Wulandari", "Bupati", "31.01", None, None, None)]),
    # an ordinal after "Wakil Ketua"
    ("Hadir Wakil Ketua I DPRD Sleman, Joko Susilo, dan Kapolres.",
     [("Joko Susilo", "Wakil Ketua DPRD", "34.04", None, None, None)]),
    # "saat ini" between the region and the holder
    ("Bupati Sleman saat ini Budi Santoso memutuskan tidak maju kembali.",
     [("Budi Santoso", "Bupati", "34.04", None, None, None)]),
    # round 5: a dot inside the bracketed qualifier
    ("Gubernur melantik Budi Santoso menjadi Penjabat (Pj.) Bupati Sleman pada Senin (27/5/2024).",
     [("Budi Santoso", "Bupati", "34.04", "Pj", None, None)]),
    # degrees after the name, past the comma, before "sebagai"
    ("Dr. Budi Santoso, S.Sos, M.Si sebagai Pj Bupati Sleman membuka rapat.",
     [("Budi Santoso", "Bupati", "34.04", "Pj", None, None)]),
    # the acting holder named again with the bare title is the same holding
    ("Pj Gubernur Jambi, Budi Santoso, membuka rapat. Dalam undangan yang diterbitkan Gubernur Budi Santoso, "
     "rapat dimulai pukul 09.00.",
     [("Budi Santoso", "Gubernur", "15", "Pj", None, None)]),
    # a name spelt two ways is one person, written as first spelt
    ("Bupati Sleman, Budi Santosso, wafat. Jenazah almarhum Bupati Budi Santoso disemayamkan di pendopo.",
     [("Budi Santosso", "Bupati", "34.04", None, None, None)]),
    # "akan menunjuk Wakil Bupati X sebagai Plt Bupati": X holds the deputy post now, the acting post is to come
    ("Pemprov akan menonaktifkan bupati itu dan akan menunjuk Wakil Bupati Sleman Budi Santoso sebagai Plt "
     "Bupati Sleman.",
     [("Budi Santoso", "Wakil Bupati", "34.04", None, None, None)]),
    # a future word and appointing verb in another clause do not make the holding future
    ("KPU akan menetapkan jadwal kampanye, sementara Budi Santoso sebagai Bupati Sleman membuka acara.",
     [("Budi Santoso", "Bupati", "34.04", None, None, None)]),
    # a former acting post does not swallow the bare title held now
    ("Budi Santoso, mantan Pj Bupati Sleman, kini menjabat Bupati Sleman.",
     [("Budi Santoso", "Bupati", "34.04", "Pj", None, None), ("Budi Santoso", "Bupati", "34.04", None, None, None)]),
    # after a passive reporting verb the appositive title stands when its phrase closes with a comma
    ("Selanjutnya dikatakan Budi Santoso, Bupati Sleman, bahwa logistik sudah siap.",
     [("Budi Santoso", "Bupati", "34.04", None, None, None)]),
    # the province of the region set off by commas between the title and the name
    ("Wakil Bupati Kudus, Jawa Tengah, Budi Santoso hadir dalam rapat.",
     [("Budi Santoso", "Wakil Bupati", "33.19", None, None, None)]),
    # a capitalised "Lalu" inside a sentence opens a (Sasak) name
    ("Ketua KPU Sleman, Lalu Budi Santoso, menyatakan bahwa keempat pasangan lolos.",
     [("Lalu Budi Santoso", "Ketua KPU", "34.04", None, None, None)]),
    # a holding installed already stays one
    ("Budi Santoso sebagai Pjs Bupati Sleman yang telah dilantik kemarin memimpin rapat.",
     [("Budi Santoso", "Bupati", "34.04", "Pjs", None, None)]),
    # round 8: short forms of the Sekda of a province, kabupaten or kota
    ('"Sudah diusulkan," kata Sekdaprov Jateng Budi Santoso di Semarang, Kamis.',
     [("Budi Santoso", "Sekretaris Daerah", "33", None, None, None)]),
    ("Rapat dibuka Sekkab Sleman Rina Wulandari dan Sekdako Bandung Joko Susilo.",
     [("Rina Wulandari", "Sekretaris Daerah", "34.04", None, None, None),
      ("Joko Susilo", "Sekretaris Daerah", "32.73", None, None, None)]),
    # "Kadin" before a dinas word is a Kepala Dinas (alone it is the chamber of commerce)
    ("Ia datang bersama istri Kadin Pendidikan Jawa Timur Budi Santoso ini ke Surabaya.",
     [("Budi Santoso", "Kepala Dinas", "35", None, None, None)]),
    # "Komisi Pemilihan Umum Daerah (KPUD) setempat X": the long form with "Daerah", "setempat" before the name
    ('"Partisipasi naik," kata Ketua Komisi Pemilihan Umum Daerah (KPUD) setempat Rina Wulandari saat '
     'dihubungi di Karawang, Minggu.',
     [("Rina Wulandari", "Ketua KPU", "32.15", None, None, None)]),
    # head and deputy titles joined by a hyphen or dash share the region and the two names
    ("Masa jabatan Bupati-Wakil Bupati Sleman periode 2016-2021, Budi Santoso dan Rina Wulandari, berakhir.",
     [("Budi Santoso", "Bupati", "34.04", None, "2016", "2021"),
      ("Rina Wulandari", "Wakil Bupati", "34.04", None, "2016", "2021")]),
    ("Pasangan Wali Kota – Wakil Wali Kota Bogor Budi Santoso-Rina Wulandari menerima penghargaan.",
     [("Budi Santoso", "Wali Kota", "32.71", None, None, None),
      ("Rina Wulandari", "Wakil Wali Kota", "32.71", None, None, None)]),
    # an abbreviated region with a compass word is one region, not a region and a name
    ("Gubernur melantik Plh Bupati OKU Timur, Budi Santoso; Plh Bupati OKU Selatan, Rina Wulandari.",
     [("Budi Santoso", "Bupati", "16.08", "Plh", None, None),
      ("Rina Wulandari", "Bupati", "16.09", "Plh", None, None)]),
    # ... with no candidacy word near, "pasangan Wabup X" is the holder's deputy
    ("Bupati Sleman Budi Santoso hadir bersama pasangan Wabup Rina Wulandari.",
     [("Budi Santoso", "Bupati", "34.04", None, None, None),
      ("Rina Wulandari", "Wakil Bupati", "34.04", None, None, None)]),
    # a bracketed qualifier between a doubled title: "Pelaksana Tugas Bupati (Plt.) Bupati R X"
    ("Gubernur melantik Budi Santoso sebagai Pjs. Bupati Indramayu selama masa cuti Pelaksana Tugas Bupati "
     "(Plt.) Bupati Indramayu Rina Wulandari yang maju dalam Pilkada.",
     [("Budi Santoso", "Bupati", "32.12", "Pjs", None, None),
      ("Rina Wulandari", "Bupati", "32.12", "Plt", None, None)]),
    # words between the title and its region or holder: the government ("Sekda Pemprov R"), a bracket typo
    # (")KPU)"), a DPRD commission or faction, an agency closed by its bracketed acronym
    ("Dalam kesempatan sama, Sekda Pemprov Jawa Tengah, Budi Santoso meminta para pejabat tidak keluar kota.",
     [("Budi Santoso", "Sekretaris Daerah", "33", None, None, None)]),
    ("Rapat dipimpin Sekda Pemerintah Kabupaten Sleman Rina Wulandari.",
     [("Rina Wulandari", "Sekretaris Daerah", "34.04", None, None, None)]),
    ('"Nomor urut sudah dimiliki," kata Ketua Komisi Pemilihan Umum )KPU) Kabupaten Langkat Budi Santoso di Stabat.',
     [("Budi Santoso", "Ketua KPU", "12.05", None, None, None)]),
    ("Hal itu disampaikan anggota DPRD Jawa Tengah Komisi A Budi Santoso di Semarang.",
     [("Budi Santoso", "Anggota DPRD", "33", None, None, None)]),
    ("Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP) Provinsi Jawa Timur, Rina Wulandari, "
     "resmi menjabat sebagai Pjs Bupati Trenggalek.",
     [("Rina Wulandari", "Kepala Dinas", "35", None, None, None),
      ("Rina Wulandari", "Bupati", "35.03", "Pjs", None, None)]),
    # ... but initials in brackets after the holder are no agency's acronym
    ("Kepala Dinas Kesehatan Budi Santoso (BS) Kota Bandung mengatakan stok vaksin aman.",
     [("Budi Santoso", "Kepala Dinas", "32.73", None, None, None)]),
    # a list of proposed successors under a sentence with a proposal ("akan menggantikan"): only the posts
    # held now (the title before the name, the one replaced)
    ("DPRD menyetujui nama-nama wali kota dari gubernur. Ada sejumlah nama yang akan menggantikan wali kota "
     "saat ini.\n\nYakni, Wakil Wali Kota Bogor Budi Santoso menjadi Wali Kota Bogor menggantikan Rina Wulandari. "
     "Lalu, Joko Susilo menjadi Wali Kota Depok menggantikan Hendra Wijaya.",
     [("Budi Santoso", "Wakil Wali Kota", "32.71", None, None, None),
      ("Rina Wulandari", "Wali Kota", "32.71", None, None, None),
      ("Hendra Wijaya", "Wali Kota", "32.76", None, None, None)]),
    # a nomination: "memasukkan nama X menjadi TITLE"
    ("Gubernur juga memasukkan nama Budi Santoso menjadi Wali Kota Bogor menggantikan Rina Wulandari.",
     [("Rina Wulandari", "Wali Kota", "32.71", None, None, None)]),
    # list connectives after a sentence with no proposal keep their holdings
    ("Rapat membahas anggaran daerah. Lalu, Budi Santoso menjadi Bupati Sleman menggantikan Rina Wulandari.",
     [("Budi Santoso", "Bupati", "34.04", None, None, None), ("Rina Wulandari", "Bupati", "34.04", None, None, None)]),
    # "yang terpilih sebagai TITLE" for a past term stays a holding
    ("Budi Santoso yang terpilih sebagai Bupati Sleman periode 2010-2015 kini maju lagi.",
     [("Budi Santoso", "Bupati", "34.04", None, "2010", "2015")]),
    # a passive: the agent after "oleh [TITLE R]" installs, and holds no post named after it
    ("Budi Santoso secara resmi dilantik dan disumpah oleh Gubernur Jawa Tengah Joko Susilo menjadi Wali Kota "
     "Semarang pada Jumat.",
     [("Joko Susilo", "Gubernur", "33", None, None, None)]),
    # the post first, entrusted to its holder after a passive verb, a bracketed short form between
    ("Pj Bupati Kabupaten Sleman (Slm) dipercayakan kepada Budi Santoso. Pj Wali Kota Sorong diamanahkan "
     "Rina Wulandari.",
     [("Budi Santoso", "Bupati", "34.04", "Pj", None, None), ("Rina Wulandari", "Wali Kota", "96.71", "Pj", None, None)]),
    # ... but the agent of a holding verb holds: "dipegang oleh X sebagai TITLE"
    ("Jabatan itu kini dipegang oleh Rina Wulandari sebagai Plt Bupati Sleman.",
     [("Rina Wulandari", "Bupati", "34.04", "Plt", None, None)]),
    ("Rina Wulandari digantikan oleh Budi Santoso sebagai Pj Wali Kota Sorong.",
     [("Budi Santoso", "Wali Kota", "96.71", "Pj", None, None)]),
    # a KPU commissioner who also heads a division: "komisioner cum Ketua Divisi … KPU R, X"
    ("Menurut komisioner cum Ketua Divisi Sosialisasi, Pendidikan Pemilih, dan Partisipasi Masyarakat "
     "(Sosdiklih Parmas) KPU Lampung, Rina Wulandari, debat digelar dua kali.",
     [("Rina Wulandari", "Anggota KPU", "18", None, None, None)]),
]

NO_HOLDING = [
    # the subject installs others in the post: "Dia memandu ketiganya … sebagai pj gubernur"
    "Mendagri Budi Santoso melantik tiga penjabat di Papua. Dia memandu ketiganya mengucapkan sumpah jabatan "
    "sebagai pj gubernur.",
    # a sentence-initial noun before a demonstrative is no person
    "Momentum ini sebagai langkah awal menuju pemilihan bupati dan wakil bupati Sleman tahun 2024.",
    # "Pasangan Calon (Paslon) Bupati": the abbreviation in brackets keeps the candidacy
    "Pasangan Calon (Paslon) Bupati dan Wakil Bupati Budi Santoso–Joko Prasetyo (BUJO) mendapatkan nomor urut 1 "
    "di Pilkada Sleman 2024.",
    # the bracket after the name holds no title: "Menteri Dalam Negeri (Mendagri) menjadi …" names nobody
    "Kemarin ditunjuk oleh Menteri Dalam Negeri (Mendagri) menjadi Penjabat (Pj) Bupati Bantul.",
    "Calon Bupati Sleman Budi Santoso berkampanye di pasar.",
    "Pasangan calon Bupati dan Wakil Bupati Sleman Budi Santoso-Dedi Irawan mendaftar ke KPU.",
    "Budi Santoso akan maju sebagai Bupati Sleman.",
    "Budi Santoso bukan Bupati Sleman, katanya.",
    "Budi Santoso berharap menjadi Wali Kota Makassar.",
    "Budi Santoso berjanji akan mundur sebagai Gubernur Jambi jika terpilih.",
    "Kepala Bappeda Lampung Fredi Nugraha hadir. Inspektur Lampung Joni Iskandar juga hadir.",
    "Ketua KIP Aceh Besar Yusuf Ismail membuka pleno.",
    "Ketua Komisi II DPR Ahmad Doli Kurnia mengatakan hal itu.",
    "Bupati Sleman meminta warga tertib saat pencoblosan.",
    "Rapat Kerja Pj Gubernur Kaltim dengan Bupati se-Kaltim digelar di Balikpapan.",
    "Budi Santoso juga meminta Wakil Bupati untuk hadir.",
    "Rina Wati yang merupakan istri Bupati Sleman hadir.",
    # a coordinated title after "calon" is a candidacy
    "Selanjutnya, pasangan calon wali kota dan wakil wali kota Rudi Hartono-Ardi Saputra nomor urut dua.",
    "Pasangan calon bupati dan calon wakil bupati Sleman Rudi Hartono-Ardi Saputra mendaftar.",
    # institutions and acts are no holders
    "Usai dibacakan, naskah ditandatangani Kapolda Sulteng, Gubernur Sulteng, Komandan Korem 132 Tadulako, "
    "Ketua KPU Sulteng, Kejaksaan Tinggi Sulteng, Badan Intelijen Negara, Ketua DPRD Sulteng dan Komandan Lanal Palu.",
    "Pelantikan Bupati dan Wakil Bupati Sleman digelar besok.",
    "Sembari menunggu Kemendagri, Gubernur Gorontalo menunjuk pelaksana harian.",
    # elected, not yet in office
    "KPU menetapkan Rudi Hartono dan Ardi Saputra sebagai Bupati dan Wakil Bupati Sleman terpilih.",
    # the employer's title is not the staff member's post; kin after a comma
    "Staf Ahli Gubernur Jambi Rudi Hartono hadir di Jambi.",
    "Asisten Bidang Perekonomian dan Kesra Sekda Jambi Rudi Hartono membuka rapat.",
    "Hadir pula istri Bupati Sleman, Rina Wati.",
    # a wish to win is no holding
    "Rudi Hartono berjanji, jika menang sebagai Bupati Sleman, ia akan membangun jalan.",
    # round 5: a list of holders to come, under a line with a future word
    "Berikut pejabat yang akan dikukuhkan:\n1. Dr. Budi Santoso, M.Si sebagai Pjs Bupati Sleman\n"
    "2. Rudi Hartono, S.Sos, M.Si sebagai Pjs Bupati Bantul",
    # a reported clause after the name: the title in it is not the name's
    "Dalam edaran yang ditandatangani Rudi Hartono, disebutkan bahwa acaranya adalah pelantikan penjabat bupati.",
    # ... else the comma after the name opens the reported clause
    "Selanjutnya dikatakan Budi Santoso, Pj Bupati Sleman dan Kabupaten Bantul segera menerima surat keputusan.",
    # "Almarhum Bupati" names the late holder, "Almarhum" is no person
    "Jenazah Almarhum Bupati disemayamkan di pendopo.",
    # a future word and an appointing verb between the holder and the title: still to come
    "Budi Santoso segera ditunjuk menjadi pelaksana tugas (Plt) Bupati Sleman.",
    "Budi Santoso akan dilantik sebagai Pj Bupati Sleman pekan depan.",
    # a relative clause after acting holdings: still to be installed
    "Kedua penjabat yakni Budi Santoso sebagai Pjs Bupati Sleman dan Joko Prasetyo sebagai Pjs. Bupati Bantul, "
    "yang dijadwalkan akan dikukuhkan pada Selasa besok.",
    # a building of the post: the word after the title is a place
    "Rapat berlangsung di aula kantor pendopo Bupati Idi pada pukul 16.00 WIB.",
    # an acronym before an appositive title is no holder
    "Sebagai kabupaten yang menjadi tuan rumah IKN, Pj Bupati Sleman siap memimpin.",
    # "Kadin" alone is the chamber of commerce
    "Ketua Kadin Jawa Timur Budi Santoso membuka pameran.",
    "Hadir pula Kadin Jawa Timur Budi Santoso dalam acara itu.",
    # "calon" scopes over a dash-joined head and deputy title
    "Pasangan calon Bupati – Wakil Bupati Sleman Budi Santoso-Rina Wulandari mendaftar ke KPU.",
    "Tiga pasangan Calon Bupati-Wakil Bupati Aceh Tenggara Lakukan Pencabutan Nomor Urut di kantor KPU.",
    # "Paslon" before a title is a candidacy, like "calon"
    "Usai penetapan nomor urut Paslon Bupati dan Wakil Bupati Sleman, Budi Santoso menyampaikan terima kasih.",
    # the running mate ("pasangan Wabup X") where a candidacy word stands in the sentence or the one before
    "Debat Pilbup Jember digelar pekan depan. Sementara itu, Cabup nomor urut 01 Budi Santoso menuturkan. "
    "Terkait persiapan menjelang debat perdana dengan pasangan Wabup Rina Wulandari, tidak ada persiapan khusus.",
    # a list of posts: the words after the comma are the next post, not the holder
    "Hadir Inspektur Provinsi Sumsel, Kepala Dinas Kominfo Provinsi Sumsel, Kasat Pol PP Provinsi Sumsel, Karo Hukum.",
    # elected, waiting to be sworn in
    "Setelah mundur, Budi Santoso yang terpilih kembali sebagai Bupati Sleman periode 2021-2026 akan menunggu "
    "pelantikan.",
    # a KPU division head alone is not mapped to a canonical title
    "Menurut Ketua Divisi Teknis KPU Lampung, Rina Wulandari, debat digelar dua kali.",
]


def _rows(text: str) -> set[tuple[str | None, ...]]:
    return {(o.person.name, o.office, o.region, o.qualifier, o.start, o.end) for o in claims_of(text).offices}


@pytest.mark.parametrize(("text", "expected"), HOLDINGS)
def test_holdings(text: str, expected: list[tuple[str | None, ...]]) -> None:
    rows = _rows(text)
    for row in expected:
        assert row in rows, f"{row} not in {rows}"
    assert len(rows) == len(expected), rows


@pytest.mark.parametrize("text", NO_HOLDING)
def test_no_holding(text: str) -> None:
    assert _rows(text) == set()


def test_ticket_holdings() -> None:
    text = ("KPU Riau menetapkan pasangan calon gubernur dan wakil gubernur Riau. "
            "Pasangan nomor urut 1 adalah Harun Abdullah-Agus Wirawan. Harun merupakan mantan walikota "
            "Pekanbaru. Dan wakilnya saat ini menjabat wakil walikota Dumai. Kandidat nomor urut 2 adalah "
            "Amir Makmun-Andi Rahman. Duet Bupati Rokan Hilir dan anggota DPR RI itu didukung Partai Golkar.")
    rows = {(o.person.name, o.office, o.region) for o in claims_of(text).offices}
    assert ("Harun Abdullah", "Wali Kota", "14.71") in rows
    assert ("Agus Wirawan", "Wakil Wali Kota", "14.72") in rows
    assert ("Amir Makmun", "Bupati", "14.07") in rows
    assert not any(r[0] == "Andi Rahman" for r in rows)


def test_incumbent_pair() -> None:
    text = ("KPU Sumsel menetapkan pasangan calon gubernur Sumatera Selatan 2024. "
            "Saat pengundian nomor, paslon petahana Hasan Deru-Cik Umar (HDCU) mendapatkan nomor urut 1.")
    rows = {(o.person.name, o.office, o.region) for o in claims_of(text).offices}
    assert ("Hasan Deru", "Gubernur", "16") in rows
    assert ("Cik Umar", "Wakil Gubernur", "16") in rows


def test_incumbent_pair_named_again() -> None:
    text = ("KPU Kabupaten Sleman menetapkan nomor urut Pilkada Sleman 2024, nomor urut 1 Budi Santoso-Rina "
            "Wulandari, nomor urut 2 Joko Susilo-Hendra Gunawan.\nHasil akhirnya, nomor urut satu didapatkan oleh "
            "pasangan petahana yakni, calon bupati Budi Santoso dan calon wakil bupati Rina Wulandari.")
    rows = {(o.person.name, o.office, o.region) for o in claims_of(text).offices}
    assert rows == {("Budi Santoso", "Bupati", "34.04"), ("Rina Wulandari", "Wakil Bupati", "34.04")}


def test_a_long_sentence_of_titles_stays_fast() -> None:
    """One sentence of 8,000 titles: the look-backs before each title are bounded, so the work grows about
    linearly (it took 40 s when each title scanned the whole sentence before it)."""
    import time
    start = time.perf_counter()
    claims_of("Bupati " * 8000)
    assert time.perf_counter() - start < 20


PIECES = list("abcdeBKPWJ (),.-–\n") + [
    "Bupati ", "Wakil ", "Pj ", "Camat ", "Ketua KPU ", "Kadis ", "Kutim ", "Sleman ", "Budi ", "Santoso ",
    "adalah ", "sebagai ", "ia ", "dan ", "2021-2024 ", "sejak 2020 ", "diemban oleh ", "calon ", "petahana ",
    "wakilnya ", "Duet ", "Pasangan nomor urut 1 adalah ", "H ", "(Kutim) "]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_arbitrary_text_never_raises(text: str) -> None:
    claims_of(text)
