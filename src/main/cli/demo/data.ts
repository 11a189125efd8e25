/**
 * Word lists for the demo office. Everything here is invented for demonstration: names,
 * places and complaints are typical of a Kalimantan regency, not real people or reports.
 */

export const FIRST_NAMES = [
  'Ahmad',
  'Muhammad',
  'Rahmat',
  'Siti',
  'Nur',
  'Dewi',
  'Budi',
  'Rina',
  'Hendra',
  'Yuliana',
  'Fitri',
  'Agus',
  'Sri',
  'Rizky',
  'Wahyu',
  'Nurhayati',
  'Fauzan',
  'Aisyah',
  'Bambang',
  'Lestari',
  'Herlina',
  'Syahrani',
  'Gusti',
  'Norhasanah',
  'Abdul',
  'Rusdiansyah',
  'Mahmudah',
  'Ikhsan',
  'Noorlatifah',
  'Taufik',
  'Zainab',
  'Hairil',
  'Rahmawati',
  'Jumberi',
  'Fahriannor',
];
export const LAST_NAMES = [
  'Hidayat',
  'Rahman',
  'Saputra',
  'Wulandari',
  'Santoso',
  'Fitriani',
  'Pratama',
  'Maulana',
  'Hasanah',
  'Ramadhani',
  'Kurniawan',
  'Susanti',
  'Arsyad',
  'Noor',
  'Aini',
  'Effendi',
  'Mahdi',
  'Rosyidi',
  'Yusuf',
  'Anwar',
  'Syarifuddin',
  'Hamdani',
];
/** Academic degrees as written after a name, with their dots (Permendikbud 154/2014). */
export const DEGREES = ['S.Sos.', 'S.T.', 'S.Kom.', 'S.E.', 'S.H.', 'M.M.', 'M.Si.', 'S.Pd.', 'S.K.M.', 'M.A.P.', 'S.I.P.', 'M.T.'];

export const PLACES = [
  'Kecamatan Paringin',
  'Kecamatan Paringin Selatan',
  'Kecamatan Juai',
  'Kecamatan Lampihong',
  'Kecamatan Batumandi',
  'Kecamatan Awayan',
  'Kecamatan Halong',
  'Kecamatan Tebing Tinggi',
  'Desa Murung Jambu',
  'Desa Lasung Batu',
  'Kelurahan Paringin Kota',
  'Desa Tanah Habang',
  'Desa Batu Piring',
  'Desa Galumbang',
  'Jalan A. Yani km 3',
  'Jalan Jend. Sudirman',
  'Pasar Paringin',
  'Terminal Paringin',
  'Desa Halubau',
  'Desa Uren',
];

/** Complaint texts by topic keyword of a preset category name; `{p}` is a place. */
export const TOPICS: Record<string, Array<[title: string, description: string]>> = {
  jalan: [
    [
      'Jalan berlubang di {p}',
      'Jalan di {p} berlubang cukup dalam sejak musim hujan. Sudah ada dua pengendara motor terjatuh minggu ini. Mohon segera diperbaiki.',
    ],
    [
      'Jembatan kayu rusak di {p}',
      'Papan jembatan penghubung di {p} banyak yang lapuk dan patah sehingga membahayakan anak sekolah yang melintas setiap pagi.',
    ],
    [
      'Lampu jalan padam di {p}',
      'Lampu penerangan jalan umum di {p} padam lebih dari dua minggu. Jalan menjadi gelap dan rawan kejahatan pada malam hari.',
    ],
  ],
  drainase: [
    ['Saluran air tersumbat di {p}', 'Drainase di {p} tersumbat sampah dan lumpur sehingga setiap hujan deras air meluap ke jalan dan rumah warga.'],
  ],
  kesehatan: [
    [
      'Antrean panjang di puskesmas {p}',
      'Pelayanan di puskesmas {p} sangat lambat, pasien menunggu lebih dari tiga jam dan loket pendaftaran sering tutup sebelum jam pelayanan berakhir.',
    ],
    ['Obat kosong di puskesmas {p}', 'Beberapa obat yang diresepkan dokter di puskesmas {p} kosong dan pasien diminta membeli sendiri di apotek.'],
  ],
  pendidikan: [
    [
      'Atap ruang kelas bocor di {p}',
      'Atap ruang kelas SD di {p} bocor setiap hujan sehingga kegiatan belajar terganggu. Mohon perhatian dinas terkait.',
    ],
    ['Pungutan di sekolah {p}', 'Orang tua murid di {p} diminta membayar pungutan untuk seragam dan kegiatan yang tidak jelas dasarnya.'],
  ],
  kependudukan: [
    [
      'KTP elektronik belum jadi',
      'Saya sudah merekam KTP elektronik di Disdukcapil tiga bulan lalu namun sampai sekarang belum selesai dicetak. Mohon kejelasan.',
    ],
    [
      'Pengurusan akta kelahiran lama',
      'Pengurusan akta kelahiran anak saya sudah lebih dari satu bulan belum selesai, padahal persyaratan sudah lengkap.',
    ],
  ],
  sampah: [['Sampah menumpuk di {p}', 'Tempat pembuangan sementara di {p} penuh dan sampah meluber ke jalan. Bau menyengat dan mengundang lalat.']],
  lingkungan: [
    ['Pembakaran limbah di {p}', 'Ada pembakaran limbah di dekat permukiman {p} setiap sore sehingga asapnya mengganggu pernapasan warga.'],
  ],
  air: [
    ['Air PDAM tidak mengalir di {p}', 'Sudah lima hari air PDAM di {p} tidak mengalir sama sekali padahal tagihan tetap datang setiap bulan.'],
    ['Air PDAM keruh di {p}', 'Air dari PDAM di {p} berwarna kecoklatan dan berbau sehingga tidak bisa dipakai untuk memasak.'],
  ],
  ketertiban: [['Pedagang berjualan di trotoar {p}', 'Banyak pedagang berjualan di trotoar {p} sehingga pejalan kaki harus turun ke jalan raya.']],
  sosial: [
    [
      'Bantuan sosial tidak tepat sasaran di {p}',
      'Keluarga kami termasuk kurang mampu tetapi tidak pernah menerima bantuan, sedangkan beberapa warga mampu di {p} justru menerima.',
    ],
  ],
  perhubungan: [
    ['Angkutan umum jarang di {p}', 'Angkutan umum dari {p} ke pusat kota hanya ada dua kali sehari sehingga warga kesulitan bepergian.'],
  ],
  informasi: [
    ['Jadwal pelayanan SIM keliling', 'Mohon informasi jadwal pelayanan SIM keliling dan perekaman KTP keliling untuk wilayah {p} bulan ini.'],
    ['Syarat izin usaha mikro', 'Saya ingin menanyakan syarat dan alur pengurusan izin usaha mikro (NIB) untuk usaha warung di {p}.'],
  ],
  umum: [['Pelayanan kantor {p} lambat', 'Pelayanan di kantor {p} sering tutup sebelum jam kerja berakhir dan petugas sulit ditemui.']],
};

export const NOTES = [
  'Mohon segera ditindaklanjuti sesuai ketentuan.',
  'Koordinasikan dengan bidang terkait dan laporkan hasilnya.',
  'Lakukan peninjauan lapangan terlebih dahulu.',
  'Prioritaskan, aduan ini mendapat perhatian publik.',
  'Pelajari dan siapkan konsep jawaban.',
];

export const RESPONSES = [
  'Terima kasih atas laporan Saudara. Tim kami telah melakukan peninjauan ke lokasi dan perbaikan dijadwalkan dalam dua minggu ke depan.',
  'Terima kasih atas informasinya. Permasalahan telah kami tindak lanjuti dan petugas telah diturunkan ke lokasi pada hari ini.',
  'Aduan Saudara telah kami terima dan akan dianggarkan pada perubahan anggaran tahun berjalan. Sementara itu dilakukan penanganan darurat.',
  'Terima kasih. Berdasarkan pengecekan kami, layanan telah kembali normal. Apabila masih terdapat kendala silakan menghubungi kami kembali.',
];

export const REVISION_NOTES = [
  'Lengkapi dengan jadwal pelaksanaan yang pasti.',
  'Bahasa jawaban agar lebih santun dan jelas.',
  'Sertakan hasil peninjauan lapangan.',
];
export const NOT_AUTHORITY = [
  'Bukan kewenangan kami: jalan tersebut berstatus jalan provinsi.',
  'Bukan kewenangan kami: layanan ini dikelola instansi vertikal.',
];
