"""Technical competencies per sector and the training catalogue that develops each competency."""

from __future__ import annotations

from portal.demo.specs import CompetencySpec, LevelSpec
from portal.vocabulary import CompetencyCategory

# Sector -> (code, name, English name); the first two are a sector position's default standard.
SECTORS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "UMUM": (
        ("T.UM.01", "Pengelolaan Keuangan Daerah", "Regional financial management"),
        ("T.UM.02", "Perencanaan dan Penganggaran", "Planning and budgeting"),
        ("T.UM.03", "Kearsipan dan Tata Naskah Dinas", "Records management"),
        ("T.UM.04", "Pengadaan Barang/Jasa Pemerintah", "Government procurement"),
    ),
    "SDM": (
        ("T.SDM.01", "Manajemen ASN", "Civil service management"),
        ("T.SDM.02", "Pengembangan Kompetensi ASN", "Competency development"),
        ("T.SDM.03", "Sistem Informasi Kepegawaian", "HR information systems"),
        ("T.SDM.04", "Penilaian Kinerja ASN", "Performance appraisal"),
    ),
    "SETDA": (
        ("T.SET.01", "Kelembagaan dan Analisis Jabatan", "Organisation and job analysis"),
        ("T.SET.02", "Penyusunan Produk Hukum Daerah", "Regional legislative drafting"),
        ("T.SET.03", "Protokol dan Komunikasi Pimpinan", "Protocol and leadership communication"),
    ),
    "PENDIDIKAN": (
        ("T.PDK.01", "Manajemen Pendidikan", "Education management"),
        ("T.PDK.02", "Pembelajaran dan Kurikulum", "Teaching and curriculum"),
        ("T.PDK.03", "Penjaminan Mutu Pendidikan", "Education quality assurance"),
    ),
    "PUPR": (
        ("T.PU.01", "Perencanaan Jalan dan Jembatan", "Road and bridge engineering"),
        ("T.PU.02", "Pengelolaan Sumber Daya Air", "Water resources management"),
        ("T.PU.03", "Penataan Ruang", "Spatial planning"),
        ("T.PU.04", "Penyelenggaraan Bangunan Gedung", "Building administration"),
    ),
    "KESEHATAN": (
        ("T.KES.01", "Kesehatan Masyarakat", "Public health"),
        ("T.KES.02", "Pencegahan dan Pengendalian Penyakit", "Disease control"),
        ("T.KES.03", "Pelayanan Kesehatan Primer", "Primary health care"),
        ("T.KES.04", "Asuhan Keperawatan dan Kebidanan", "Nursing and midwifery care"),
    ),
    "PEMERINTAHAN": (
        ("T.PEM.01", "Administrasi Pemerintahan Kewilayahan", "Territorial administration"),
        ("T.PEM.02", "Pelayanan Administrasi Terpadu Kecamatan", "One-stop district services"),
        ("T.PEM.03", "Ketenteraman dan Ketertiban Umum", "Public order"),
        ("T.PEM.04", "Pemberdayaan Masyarakat", "Community empowerment"),
    ),
}

_LEVEL_TEXT = (
    "Memahami konsep dasar {t} dan menerapkannya pada tugas rutin dengan bimbingan.",
    "Menerapkan prosedur {t} secara mandiri pada tugas-tugas yang lazim.",
    "Menganalisis permasalahan {t} dan menyusun pemecahannya di lingkup unit kerja.",
    "Mengevaluasi dan mengembangkan kebijakan teknis {t} di lingkup perangkat daerah.",
    "Merumuskan kebijakan strategis {t} dan menjadi rujukan di lingkup pemerintah daerah.",
)
_INDICATORS = (
    ("Menjelaskan istilah dan aturan pokok {t}.", "Melaksanakan tugas {t} sesuai petunjuk."),
    ("Menyelesaikan pekerjaan {t} sesuai SOP tanpa pengawasan.", "Mengenali kesalahan umum."),
    ("Menyusun kajian teknis {t}.", "Membimbing rekan kerja dalam tugas {t}."),
    ("Menyusun standar dan pedoman {t}.", "Mengevaluasi pelaksanaan {t} lintas unit."),
    ("Merumuskan kebijakan daerah di bidang {t}.", "Menjadi narasumber {t} di tingkat daerah."),
)


def _technical(code: str, name: str, name_en: str) -> CompetencySpec:
    topic = name.lower()
    levels = tuple(
        LevelSpec(
            level=i,
            description=_LEVEL_TEXT[i - 1].format(t=topic),
            indicators=tuple(text.format(t=topic) for text in _INDICATORS[i - 1]),
        )
        for i in range(1, 6)
    )
    description = f"Kompetensi teknis {topic} sesuai standar kompetensi jabatan."
    return CompetencySpec(code, name, name_en, CompetencyCategory.TECHNICAL, description, levels)


TECHNICAL: tuple[CompetencySpec, ...] = tuple(
    _technical(*entry) for entries in SECTORS.values() for entry in entries
)


def sector_codes(sector: str) -> tuple[str, ...]:
    """The technical competency codes of a sector."""
    return tuple(code for code, _, _ in SECTORS[sector])


# Competency code -> (programme title, provider, hours in JP).
PROGRAMS: dict[str, tuple[str, str, int]] = {
    "M.01": ("Pelatihan Integritas dan Antikorupsi", "BPSDM Provinsi Banten", 24),
    "M.02": ("Pelatihan Membangun Tim Kerja Efektif", "BPSDM Provinsi Banten", 20),
    "M.03": ("Pelatihan Komunikasi Efektif dan Public Speaking", "BKPSDM", 20),
    "M.04": ("Pelatihan Manajemen Kinerja Berorientasi Hasil", "LAN RI", 30),
    "M.05": ("Pelatihan Pelayanan Prima", "BKPSDM", 24),
    "M.06": ("Pelatihan Coaching dan Mentoring ASN", "LAN RI", 30),
    "M.07": ("Pelatihan Manajemen Perubahan", "LAN RI", 30),
    "M.08": ("Pelatihan Pengambilan Keputusan Strategis", "BPSDM Provinsi Banten", 30),
    "SK.01": ("Pelatihan Wawasan Kebangsaan dan Moderasi", "BPSDM Provinsi Banten", 20),
    "T.UM.01": ("Bimtek Penatausahaan Keuangan Daerah (SIPD)", "BPSDM Kemendagri", 32),
    "T.UM.02": ("Bimtek Perencanaan dan Penganggaran Berbasis Kinerja", "BPSDM Kemendagri", 32),
    "T.UM.03": ("Diklat Kearsipan Dinamis", "ANRI", 40),
    "T.UM.04": ("Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "LKPP", 40),
    "T.SDM.01": ("Bimtek Manajemen ASN dan Sistem Merit", "BKN Kantor Regional III", 32),
    "T.SDM.02": ("Pelatihan Analisis Kebutuhan Pengembangan Kompetensi", "LAN RI", 30),
    "T.SDM.03": ("Bimtek Pengelolaan Data SIASN", "BKN Kantor Regional III", 24),
    "T.SDM.04": ("Bimtek Pengelolaan Kinerja ASN (e-Kinerja)", "BKN Kantor Regional III", 24),
    "T.SET.01": ("Bimtek Analisis Jabatan dan Beban Kerja", "BPSDM Kemendagri", 32),
    "T.SET.02": ("Pelatihan Legal Drafting Produk Hukum Daerah", "BPSDM Hukum dan HAM", 40),
    "T.SET.03": ("Pelatihan Keprotokolan", "BPSDM Provinsi Banten", 24),
    "T.PDK.01": ("Pelatihan Manajemen Sekolah", "BBPMP Provinsi Banten", 32),
    "T.PDK.02": ("Pelatihan Implementasi Kurikulum Merdeka", "BBPMP Provinsi Banten", 32),
    "T.PDK.03": ("Pelatihan Penjaminan Mutu Pendidikan", "BBPMP Provinsi Banten", 32),
    "T.PU.01": ("Pelatihan Perencanaan Teknis Jalan dan Jembatan", "BPSDM Kementerian PU", 40),
    "T.PU.02": ("Pelatihan Operasi dan Pemeliharaan Jaringan Irigasi", "BPSDM Kementerian PU", 40),
    "T.PU.03": ("Pelatihan Penyusunan Rencana Detail Tata Ruang", "Kementerian ATR/BPN", 40),
    "T.PU.04": ("Pelatihan Persetujuan Bangunan Gedung (SIMBG)", "BPSDM Kementerian PU", 32),
    "T.KES.01": ("Pelatihan Promosi Kesehatan Masyarakat", "Bapelkes Provinsi Banten", 32),
    "T.KES.02": ("Pelatihan Surveilans Epidemiologi", "Bapelkes Provinsi Banten", 40),
    "T.KES.03": ("Pelatihan Manajemen Puskesmas", "Bapelkes Provinsi Banten", 40),
    "T.KES.04": ("Pelatihan Asuhan Persalinan Normal", "Bapelkes Provinsi Banten", 40),
    "T.PEM.01": ("Bimtek Administrasi Kewilayahan", "BPSDM Kemendagri", 24),
    "T.PEM.02": ("Bimtek Pelayanan Administrasi Terpadu Kecamatan", "BPSDM Kemendagri", 24),
    "T.PEM.03": ("Diklat Teknis Ketenteraman dan Ketertiban Umum", "BPSDM Kemendagri", 32),
    "T.PEM.04": ("Pelatihan Fasilitator Pemberdayaan Masyarakat", "BPSDM Kemendagri", 24),
}
