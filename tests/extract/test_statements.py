"""Rule tables for direct quotes and their speakers (invented text and people)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.quotes import find_quotes, quote_text
from tests.extract.helpers import claims_of


def pairs(text: str) -> list[tuple[str, str]]:
    return [(s.speaker.name, " ".join(s.quote.split()[:4])) for s in claims_of(text).statements]


POSITIVE = [
    # after the quote: verb + name, verb + role + name, role, comma, name
    ('"Kami siap melayani seluruh warga desa," kata Joko Santoso.',
     [("Joko Santoso", "Kami siap melayani seluruh")]),
    ('“Semua tahapan berjalan lancar tanpa kendala,” ujar Ketua KPU Kota Bontang Rahmat Hidayat, Senin (2/9/2024).',
     [("Rahmat Hidayat", "Semua tahapan berjalan lancar")]),
    ('"Logistik sudah kami distribusikan ke semua kecamatan," kata Kabag Humas Setda Bontang, Sri Wahyuni Lestari.',
     [("Sri Wahyuni Lestari", "Logistik sudah kami distribusikan")]),
    # the quote first, then name + verb
    ('"Kami akan terus mengawal suara rakyat," Budi Prasetyo menambahkan.',
     [("Budi Prasetyo", "Kami akan terus mengawal")]),
    # two speakers of one quote
    ('"Rapat pleno digelar besok pagi di kantor," ujar Kabag Umum, Agus Salim Harahap dan Kasubag Protokol, '
     'Dewi Kartika Sari, Senin.',
     [("Agus Salim Harahap", "Rapat pleno digelar besok"), ("Dewi Kartika Sari", "Rapat pleno digelar besok")]),
    # before the quote
    ('Ketua Bawaslu Kota Bontang Ahmad Fauzan mengatakan, "Pengawasan kami lakukan sampai tingkat TPS."',
     [("Ahmad Fauzan", "Pengawasan kami lakukan sampai")]),
    ('Menurut Rina Marlina, "Debat ini menjadi ajang adu gagasan para calon."',
     [("Rina Marlina", "Debat ini menjadi ajang")]),
    # the speech verb's clause opens at its own sentence: a street named in the sentence before is no speaker
    ('Pengundian digelar di Kantor KPU, Jalan Merdeka Raya, Bogor Tengah, pada Senin malam. Ketua KPU Kota Bogor, '
     'Rina Marlina, menyampaikan, "Dengan demikian nomor urut pasangan calon sudah ditetapkan."',
     [("Rina Marlina", "Dengan demikian nomor urut")]),
    # pronoun forms: the person in focus
    ('Calon bupati Hendra Gunawan hadir di TPS sejak pagi. Ia datang bersama keluarganya.\n\n'
     '"Saya mengajak warga datang lebih awal ke TPS," ujarnya.',
     [("Hendra Gunawan", "Saya mengajak warga datang")]),
    # a nickname resolves to the full name the text gives for it
    ('Juru bicara tim, Suryo Wibowo, menyampaikan hal itu.\n\n'
     '"Kami tidak melakukan persiapan khusus sama sekali," kata Yoyo, sapaan akrab Suryo Wibowo.\n\n'
     '"Kami sangat siap," kata Yoyo.',
     [("Suryo Wibowo", "Kami tidak melakukan persiapan"), ("Suryo Wibowo", "Kami sangat siap")]),
    # a subject with a relative clause: the first name, not the partner's
    ('Calon bupati nomor urut 2, Siti Aminah Lubis, yang berpasangan dengan Taufik, mengatakan telah siap.\n\n'
     '"Sebagian materi sudah kami siapkan sejak lama," katanya.',
     [("Siti Aminah Lubis", "Sebagian materi sudah kami")]),
    # a quote over two paragraphs
    ('Rudi Hartono menjelaskan rencana kerjanya.\n\n"Kami akan membangun jalan desa.\n\n'
     '"Lalu kami perbaiki semua puskesmas," ujar Rudi.',
     [("Rudi Hartono", "Kami akan membangun jalan")]),
    # cut off at the end of the text: introduced by the paragraph before
    ('Wakil bupati Lukman Hakim Nasution mengatakan bahwa persiapan sudah matang.\n\n"Sebagian besar materi dari pengal',
     [("Lukman Hakim Nasution", "Sebagian besar materi dari")]),
    # a post named alone as the subject refers to its holder
    ('Jabatan Plt Bupati diemban oleh Wakil Bupati Hasan Basri Siregar.\n\n'
     'Plt Bupati juga meminta guru mengawasi kegiatan sekolah.\n\n'
     '"Jangan ada perundungan pada siswa baru di sekolah," pesannya.',
     [("Hasan Basri Siregar", "Jangan ada perundungan pada")]),
]

POSITIVE += [
    # a speech verb the lexicon lacks, then a person the article names
    ('Rudi Hartono hadir di Palu.\n\n"Semua tahapan sudah kami siapkan dengan baik," sergah Rudi Hartono.',
     [("Rudi Hartono", "Semua tahapan sudah kami")]),
    # base forms of me-…-kan verbs after a quote: "rinci"
    ('"Untuk Kota Palu telah ditetapkan tiga paslon," rinci Ardi Saputra.',
     [("Ardi Saputra", "Untuk Kota Palu telah")]),
    # the name right before the verb, not a word of the post before it
    ('Divisi Sumber Daya Manusia KPU Sulteng Rudi Hartono mengatakan, "Debat hanya digelar satu kali di Palu."',
     [("Rudi Hartono", "Debat hanya digelar satu")]),
    ('Anggota KPU Sulteng Divisi Perencanaan Data dan Informasi Rudi Hartono mengatakan, '
     '"Logistik sudah kami kirim ke semua kecamatan."',
     [("Rudi Hartono", "Logistik sudah kami kirim")]),
    # a title with a demonstrative stands for the person in focus
    ('Rudi Hartono hadir di Palu.\n\n"Kami siap memenangkan pasangan ini," kata Rudi Hartono.\n\n'
     'Mantan Kapolri itu juga berpesan agar kader solid.\n\n"Jangan ada yang bermain dua kaki," tuturnya.',
     [("Rudi Hartono", "Kami siap memenangkan pasangan"), ("Rudi Hartono", "Jangan ada yang bermain")]),
    ('Rudi Hartono hadir di Palu.\n\n"Kami siap memenangkan pasangan ini," kata Rudi Hartono.\n\n'
     'Legislator Senayan tersebut menegaskan kader harus solid.\n\n"Jangan ada yang bermain dua kaki," tuturnya.',
     [("Rudi Hartono", "Kami siap memenangkan pasangan"), ("Rudi Hartono", "Jangan ada yang bermain")]),
    # negative of the above: a new named subject takes over
    ('Rudi Hartono hadir di Palu.\n\n"Kami siap memenangkan pasangan ini," kata Rudi Hartono.\n\n'
     'Rina Wati menegaskan kader harus solid.\n\n"Jangan ada yang bermain dua kaki," tuturnya.',
     [("Rudi Hartono", "Kami siap memenangkan pasangan"), ("Rina Wati", "Jangan ada yang bermain")]),
]

POSITIVE += [
    # a quotation broken by a "Baca Juga" line runs on past it
    ('Rapat dipimpin Ketua KPU Sleman, Rina Wati.\n"Semua calon telah menyerahkan syarat pencalonan.\n'
     'Baca Juga: Banjir Melanda Tiga Kecamatan di Sleman\n'
     'Keempatnya dinyatakan memenuhi syarat," kata Rina Wati, Rabu.',
     [("Rina Wati", "Semua calon telah menyerahkan")]),
    # backslash-escaped straight marks left in the page text
    ('KPU menetapkan empat paslon. \\"Setelah penetapan kemudian tahapan selanjutnya pengundian,\\" '
     'ungkap Rudi Hartono.',
     [("Rudi Hartono", "Setelah penetapan kemudian tahapan")]),
    # degrees written in mixed case after the name are no part of it
    ('"Semua tahapan sudah kami siapkan dengan baik," kata Rudi Hartono SIp MSi.',
     [("Rudi Hartono", "Semua tahapan sudah kami")]),
    # the spokesperson of an institution is the speaker; a closing mark glued to the verb
    ('Pilkada Sleman.\n“Iya benar. Besok sore bupati baru dilantik,” ujar Juru Bicara Pemerintah Jawa Tengah '
     'Budi Santoso melalui keterangan resminya.\n“Pelantikan akan digelar di gedung gubernur. Besok gladi '
     'bersih.”tuturnya.',
     [("Budi Santoso", "Iya benar. Besok sore"), ("Budi Santoso", "Pelantikan akan digelar di")]),
    # round 5: a paragraph opened with the closing-style mark glued to the first word
    ('KPU Kota Bitung menentukan tema debat.\n”Debat perdana nanti malam mengangkat tema ekonomi kerakyatan.” '
     'jelas Ketua KPU Bitung, Rudi Hartono kepada wartawan.',
     [("Rudi Hartono", "Debat perdana nanti malam")]),
    # a post named alone after the verb: its holder, named earlier with an honorific between post and name
    ('Gubernur Jambi H. Budi Santoso melantik penjabat bupati.\n“Saya yakin amanah ini dijalankan dengan '
     'baik,” kata Gubernur dalam sambutannya.',
     [("Budi Santoso", "Saya yakin amanah ini")]),
    # a one-word name in apposition with a post is a person: "ujarnya" after a paragraph about him
    ('Pilkada Sleman 2024.\nSukardi, calon Wakil Bupati nomor urut 01, menyatakan bahwa timnya siap. Sukardi juga '
     'menilai aturan debat sudah adil.\n“Tiap pasangan calon cukup membawa 30 orang '
     'pendukung,” ujarnya.',
     [("Sukardi", "Tiap pasangan calon cukup")]),
    # a quote standing alone two paragraphs after its speaker, the paragraph between naming no one
    ('Ketua Bawaslu Kota Bitung, Rudi Hartono, mengatakan pengawasan diperketat.\nSelain itu, bagi penjabat '
     'yang baru dilantik, agar menjaga netralitas.\n“Intinya semua aparatur harus netral selama '
     'tahapan Pilkada”.',
     [("Rudi Hartono", "Intinya semua aparatur harus")]),
    # a post of capitalised words (with "dan" and a bracketed short form) after the verb, then ", Name"
    ('"Jadwal pelantikan belum ada perubahan," kata Kepala Biro Pemerintahan dan Otonomi Daerah (Pem dan Otda) '
     'Setdaprov Jambi, Rudi Hartono.', [("Rudi Hartono", "Jadwal pelantikan belum ada")]),
    # a one-word clipped form of a full name the article uses
    ('Calon Wakil Gubernur Hasnuryadi Sulaiman hadir.\n"Kami siap bekerja untuk semua," ucap Hasnur.',
     [("Hasnuryadi Sulaiman", "Kami siap bekerja untuk")]),
]

POSITIVE += [
    # capitalised words that are no name: a preposition mid-sentence, a describer before a rank, an institution noun
    ('Budi Santoso membuka acara.\n\n"Kami siap menggelar pilkada damai," kata Budi Santoso.\n\nGubernur juga '
     'memberi arahan Kepada para camat dan menekankan netralitas.\n\n"Jangan ada yang bermain politik praktis," '
     'ujarnya.', [("Budi Santoso", "Kami siap menggelar pilkada"), ("Budi Santoso", "Jangan ada yang bermain")]),
    ('Budi Santoso hadir di Palu.\n\n"Kami siap menang di semua kecamatan," kata Budi Santoso.\n\nEks Jenderal '
     'bintang dua ini mengaku siap bertarung.\n\n"Angka dua melambangkan keseimbangan," ucapnya.',
     [("Budi Santoso", "Kami siap menang di"), ("Budi Santoso", "Angka dua melambangkan keseimbangan")]),
    ('Dalam pemaparannya, Dewan pertimbangan partai, Rina Wulandari menekankan persatuan. "Jangan ada perpecahan '
     'di antara kita," katanya.', [("Rina Wulandari", "Jangan ada perpecahan di")]),
    # a post abbreviation built on "sekda" is a role word, not a name
    ('Rina Wulandari hadir.\n\n"SK Plh Bupati sudah kami terima hari ini," kata Sekdaprov Jambi Budi Santoso.',
     [("Budi Santoso", "SK Plh Bupati sudah")]),
    ('"Pelantikan digelar besok pagi di aula," ujar Sekdakab Sleman Rina Wulandari.',
     [("Rina Wulandari", "Pelantikan digelar besok pagi")]),
    # a one-word name written with a rank or an honorific is a person, not a capitalised word of a post
    ('"Kami sudah siapkan langkah antisipasi di semua desa," terang AKBP Budiman.',
     [("Budiman", "Kami sudah siapkan langkah")]),
]

POSITIVE += [
    # passive speech cues opening a sentence: "Dipaparkan X, …", "Dituturkan X, …" (no part of the name)
    ('Ketua KPU Sleman Rina Wulandari membuka rapat.\n\nDituturkan Budi Santoso, rapat pleno digelar malam hari.'
     '\n\n"Malam harinya kami umumkan hasilnya," ujarnya.', [("Budi Santoso", "Malam harinya kami umumkan")]),
    ('Ketua KPU Sleman Rina Wulandari membuka rapat.\n\nDipaparkan Budi Santoso, logistik sudah tiba.'
     '\n\n"Semua kotak suara sudah kami cek," ujarnya.', [("Budi Santoso", "Semua kotak suara sudah")]),
    # speech verbs before a quote: menafsirkan, mencatat, mempertanyakan; "nomor urut N" inside the post
    ('"Kami siap bertarung di semua kecamatan," kata Rina Wulandari.\n\nCalon wali kota nomor urut 2, Budi Santoso '
     'dalam pidatonya, menafsirkan makna nomor itu.\n\n"Nomor dua melambangkan keseimbangan," katanya.',
     [("Rina Wulandari", "Kami siap bertarung di"), ("Budi Santoso", "Nomor dua melambangkan keseimbangan")]),
    ('"Kami siap bertarung di semua kecamatan," kata Rina Wulandari.\n\nBudi Santoso juga mencatat adanya kenaikan '
     'partisipasi pemilih.\n\n"Partisipasi pemilih naik sekitar satu persen dibandingkan sebelumny',
     [("Rina Wulandari", "Kami siap bertarung di"), ("Budi Santoso", "Partisipasi pemilih naik sekitar")]),
    ('"Kami siap," kata Budi Santoso.\n\nRina Wulandari mempertanyakan aturan itu. "Aturan kampanye tidak adil '
     'bagi kami," katanya.', [("Rina Wulandari", "Aturan kampanye tidak adil")]),
    # "Bagi X, …": in X's view (a capitalised name and a comma)
    ('"Kami siap bertarung di semua kecamatan," kata Rina Wulandari.\n\nBagi Budi Santoso, nomor urut tidak begitu '
     'penting.\n\n"Kami optimis untuk masyarakat Sleman. Masalah di Sle',
     [("Rina Wulandari", "Kami siap bertarung di"), ("Budi Santoso", "Kami optimis untuk masyarakat")]),
    # a topic sentence whose post holds the ballot number: the name after it is the person in focus
    ('"Kami siap bertarung di semua kecamatan," kata Rina Wulandari.\n\nCalon wali kota nomor urut 2, Budi Santoso '
     'hadir bersama istrinya.\n\n"Nomor dua melambangkan keseimbangan," katanya.',
     [("Rina Wulandari", "Kami siap bertarung di"), ("Budi Santoso", "Nomor dua melambangkan keseimbangan")]),
    # a quote standing alone two paragraphs on, the paragraph between naming only the person in focus
    ('Ketua Bawaslu Sleman, Budi Santoso, mengatakan pengawasan diperketat.\n\nSelain itu, Budi meninjau gudang '
     'logistik di Depok.\n\n"Intinya semua aparatur harus netral selama tahapan Pilkada."',
     [("Budi Santoso", "Intinya semua aparatur harus")]),
    # "singkatnya" after a quote: a pronoun form
    ('Budi Santoso hadir di Sleman.\n\n"Tidak ada masalah sama sekali," singkatnya.',
     [("Budi Santoso", "Tidak ada masalah sama")]),
]

POSITIVE += [
    # pronoun forms of "menurut": the person in focus, not a post named after it
    ('Pj Bupati Sleman Budi Santoso dilantik kemarin.\n\nKepala BKD Sleman Rina Wulandari membenarkan hal itu. '
     '"Pelantikan sudah digelar pagi tadi," kata Rina Wulandari.\n\nMenurut dia jabatan Pj bupati Sleman berlaku '
     'satu tahun.\n\n"SK Pj ini berlaku sampai tahun depan," katanya.',
     [("Rina Wulandari", "Pelantikan sudah digelar pagi"), ("Rina Wulandari", "SK Pj ini berlaku")]),
    ('Pj Bupati Sleman Budi Santoso dilantik kemarin.\n\n"Pelantikan sudah digelar pagi tadi," kata Rina Wulandari.'
     '\n\nMenurutnya, jabatan Pj bupati Sleman berlaku satu tahun. "SK Pj ini berlaku sampai tahun depan."',
     [("Rina Wulandari", "Pelantikan sudah digelar pagi"), ("Rina Wulandari", "SK Pj ini berlaku")]),
    # a pronoun subject before the quote: "Ia menyatakan, “…”"
    ('Rina Wulandari hadir.\n\nBudi Santoso memimpin apel. Ia menyatakan, "Netralitas adalah harga mati bagi ASN."',
     [("Budi Santoso", "Netralitas adalah harga mati")]),
]

POSITIVE += [
    # nicknames: "Full Name (Nick)", "Nick, demikian panggilan akrabnya", "Full Name atau Nick" (a clipped form)
    ('Pasangan Budi Santoso (Bubu) dan Rina Wulandari mendaftar ke KPU.\n\n"Kami siap bertarung secara sehat," '
     'ungkap Bubu.', [("Budi Santoso", "Kami siap bertarung secara")]),
    ('Pasangan Lukman Hakim dan Rina Wulandari mendapat rekomendasi.\n\nPak Luki, demikian panggilan akrabnya, '
     'mengucap syukur atas dukungan itu.\n\n"Alhamdulillah kami mendapat amanah," kata Pak Luki.',
     [("Lukman Hakim", "Alhamdulillah kami mendapat amanah")]),
    ('Ketua DPC partai, Yohanes Hadi Rudianto atau Yohanes Rudi memaknai nomor itu.\n\n"Nomor satu berarti juara," '
     'kata Yohanes Rudi.', [("Yohanes Hadi Rudianto", "Nomor satu berarti juara")]),
    ('Ketua DPC partai, Yohanes Hadi Rudianto atau Rudi memaknai nomor itu.\n\n"Nomor satu berarti juara," '
     'kata Rudi.', [("Yohanes Hadi Rudianto", "Nomor satu berarti juara")]),
]

POSITIVE += [
    # "X atau Y" of two people is no nickname: Y speaks
    ('Budi Santoso atau Budi Hartono akan maju.\n\n"Kami siap bertarung secara sehat," kata Budi Hartono.',
     [("Budi Hartono", "Kami siap bertarung secara")]),
]

POSITIVE += [
    # quotes closed with a slip of the keyboard: an opening-style mark, or two apostrophes after a space
    ('Budi Santoso hadir di Jember.\n“Untuk debat pertama digelar di hotel,“ ucap Rina Wulandari.',
     [("Rina Wulandari", "Untuk debat pertama digelar")]),
    ("Budi Santoso hadir di Jember.\n''Alhamdulillah kita dapat nomor bagus di pilkada ini, '' kata Rina Wulandari.",
     [("Rina Wulandari", "Alhamdulillah kita dapat nomor")]),
    # an editor's credit after the quote's paragraph is no caption: the quote stays
    ('Budi Santoso hadir di Serang.\n"Tapi siapa saja boleh mendaftar sebagai calon," sambungnya. (Ed/Red)',
     [("Budi Santoso", "Tapi siapa saja boleh")]),
]

POSITIVE += [
    # a post of capitalised words (with bracketed short forms), a comma, then the name: the name is the subject
    ('Rina Wulandari hadir.\n\nKetua Ikatan Keluarga Kota Dumai, Budi Santoso dihadapan ribuan warga yang hadir '
     'menegaskan dukungannya.\n\n"Dulu saya juga berjuang bersama beliau," ujarnya.',
     [("Budi Santoso", "Dulu saya juga berjuang")]),
    ('Rina Wulandari hadir.\n\nKepala Bagian Hubungan Masyarakat (Kabag Humas) Pemerintah Kota (Pemkot) Bekasi, '
     'Budi Santoso yang dihubungi wartawan, siang ini membenarkan jadwal itu. "Benar sore nanti pelantikan '
     'digelar," katanya.', [("Budi Santoso", "Benar sore nanti pelantikan")]),
    ('Rina Wulandari hadir.\n\nHal itu disampaikan Ketua Ikatan Keluarga Kota Dumai, Budi Santoso saat '
     'kampanye.\n\n"Ajak sanak saudara datang ke TPS," ujarnya.', [("Budi Santoso", "Ajak sanak saudara datang")]),
    # the name right before the verb, with an adverb between
    ('Rina Wulandari hadir.\n\nKetua Tim pemenangan pasangan Calon Wali Kota Batam, Joko – Rina, Budi Santoso '
     'sangat mengapresiasi program itu.\n\n"Misalnya saja bagaimana program air bersih," katanya.',
     [("Budi Santoso", "Misalnya saja bagaimana program")]),
    # after the verb: a post with a bracketed short form and "setempat" before the name
    ('Budi Hartono hadir.\n\n"Musim kampanye sudah dimulai sejak kemarin," kata Ketua Komisi Pemilihan Umum '
     'Daerah (KPUD) setempat Rina Wulandari saat dihubungi.', [("Rina Wulandari", "Musim kampanye sudah dimulai")]),
    # ... as is one followed by a comma and the person's name
    ('Rina Wulandari hadir.\n\nHal senada disampaikan Ketua Ikrama, Budi Santoso, dihadapan warga yang hadir beliau '
     'mengajak semua bersatu.\n"Ajak sanak saudara memilih pasangan kita," jelasnya.',
     [("Budi Santoso", "Ajak sanak saudara memilih")]),
    # ... but a one-word name that ends the post is a person (a weekday after the comma is no name)
    ('"Kami siap melayani warga," kata Ketua KPU Budiman, Senin (2/9/2024).', [("Budiman", "Kami siap melayani warga")]),
    ('Rina Wulandari hadir.\n\nKepala Bagian Humas dan Protokol Setda Budiman di ruang kerjanya, Senin (21/9/2020) '
     'menyampaikan, surat itu sudah terbit.\n\n"Wakil bupati akan menjadi Plt Bupati sampai ada bupati definitif," '
     'katanya.', [("Budiman", "Wakil bupati akan menjadi")]),
    # a capitalised word of a unit's name (after another capitalised word) is no one-word speaker
    ('"Alat peraga harus dipasang sesuai aturan," kata Ketua Divisi Teknis Penyelenggara dan Perencanaan KPU '
     'Sleman Budi Santoso.', [("Budi Santoso", "Alat peraga harus dipasang")]),
]

NEGATIVE = [
    # a quoted debate theme, a slogan, a nickname, an unattributed quote, an organisation
    'Debat kedua bertema "Membangun Ekonomi Kerakyatan dan Pelayanan Publik" digelar Sabtu.',
    'Pasangan itu mengusung slogan "Bersama Membangun Desa Sejahtera untuk Semua".',
    'Hendra Gunawan yang akrab disapa "Pak Haji Hendra dari Kampung" hadir di lokasi.',
    'Spanduk bertuliskan "Tolak politik uang di desa kami" terpasang di jalan.',
    '"Pilkada damai harus kita jaga bersama," kata KPU dalam keterangan tertulisnya.',
    '"Siap menang," kata Joko Santoso.',
    # ... but not when the paragraph between names another person
    'Ketua Bawaslu Kota Bitung, Rudi Hartono, mengatakan pengawasan diperketat.\nDi tempat lain, Budi Santoso '
    'meninjau gudang logistik.\n“Intinya semua aparatur harus netral selama tahapan Pilkada”.',
    # "bagi" before a group, not a person: no speaker
    'Bagi masyarakat Sleman, nomor urut tidak begitu penting.\n\n"Kami optimis untuk masyarakat Sleman," katanya.',
    # a party's short form in brackets is no nickname
    'Pasangan Budi Santoso (PKB) dan Rina Wulandari mendaftar.\n\n"Kami siap bertarung secara sehat," kata PKB.',
    # a preposition after the quote names no speaker
    'Budi Santoso hadir.\n\n"Semua tahapan sudah kami siapkan dengan baik," kepada Rudi Hartono.',
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_speaker_and_quote(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_statement(text: str) -> None:
    assert pairs(text) == []


def test_statement_at_debate_links_the_event() -> None:
    text = ('Debat publik perdana Pilkada Kota Bontang digelar Sabtu (12/10/2024).\n\n'
            'Dalam debat itu, calon wali kota Joko Santoso memaparkan programnya.\n\n'
            '"Kami akan membangun pasar rakyat di setiap kelurahan," ujarnya.')
    c = claims_of(text)
    assert [s.speaker.name for s in c.statements] == ["Joko Santoso"]
    assert c.statements[0].event is not None and c.statements[0].event.kind == "debate"


@pytest.mark.parametrize(("text", "bodies"), [
    ('a “satu dua tiga” b', ["satu dua tiga"]),
    ("a ''satu dua'' b", ["satu dua"]),
    ("Ma’ruf berkata ‘satu dua’ lalu", ["satu dua"]),
    ('"satu dua\n\n"tiga empat," kata X', ['satu dua\n\n"tiga empat,']),
    ('"satu dua\n\nnarasi tanpa tanda', ["satu dua"]),
    # a paragraph opened with the closing-style mark and cut off
    ('narasi.\n” Saya berharap semua lancar', [" Saya berharap semua lancar"]),
    # ... but a closing mark after text still closes
    ('“satu dua” tiga\n', ["satu dua"]),
    # an opening-style mark after the quote's last punctuation, then a lowercase word, closes it
    ('“satu dua,“ ucap X', ["satu dua,"]),
    ('“satu dua.“\n', ["satu dua."]),
    # ... but a mark glued to the next word still opens
    ('a, “satu dua” b', ["satu dua"]),
    # a straight mark with a space on both sides after a comma closes the quotation open on the line
    ("''satu dua, '' kata X", ["satu dua, "]),
    ('"satu dua, " kata X', ["satu dua, "]),
])
def test_find_quotes(text: str, bodies: list[str]) -> None:
    assert [text[q.start:q.end] for q in find_quotes(text)] == bodies


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(['"', "“", "”", "‘", "’", "''", " kata ", " ujarnya", "Joko Santoso", " Ketua KPU ",
                                 "\n\n", ", ", ". ", "Kami siap ", "menurut ", "Ia ", " mengatakan", "debat", "Bupati",
                                 "x"]), max_size=40).map("".join)
       | st.text(max_size=200))
def test_arbitrary_text_never_raises_and_evidence_slices_the_quote(text: str) -> None:
    for s in claims_of(text).statements:
        assert quote_text(text[s.evidence.start:s.evidence.end]) == s.quote
