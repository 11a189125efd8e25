/**
 * Where each preset's demo office is: the seat printed before a letter's date, the telephone
 * area code of its kop surat, the places complaints come from and the names its people carry.
 * A Kalimantan Timur office must not read like a Balangan one. Everything here is invented for
 * demonstration (no real people or reports); the place names are the region's real districts
 * and villages so the demo reads like the office's own.
 */
import { FIRST_NAMES, LAST_NAMES, PLACES } from './data';

export interface DemoRegion {
  /** The town printed before a letter's date. */
  seat: string;
  /** Telephone area code of the seat (kode wilayah). */
  areaCode: string;
  /** The e-mail domain of the regional government. */
  domain: string;
  places: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
}

const BANJAR_FIRST = FIRST_NAMES;
const BANJAR_LAST = LAST_NAMES;

const KALTIM_FIRST = [
  'Andi',
  'Muhammad',
  'Aji',
  'Awang',
  'Dayang',
  'Hasanuddin',
  'Rusmini',
  'Syahrani',
  'Ismail',
  'Nurul',
  'Rahmawati',
  'Yohanes',
  'Herlina',
  'Sulaiman',
  'Irwan',
  'Suriani',
  'Fadli',
  'Kartini',
  'Bahrun',
  'Asniah',
  'Yusran',
  'Marlina',
  'Baharuddin',
  'Darmawan',
];
const KALTIM_LAST = [
  'Arifin',
  'Mappiare',
  'Sulaiman',
  'Lahang',
  'Baharsyah',
  'Rasyid',
  'Hamzah',
  'Latif',
  'Mattalitti',
  'Noor',
  'Hakim',
  'Ilyas',
  'Rahim',
  'Sinaga',
  'Hutapea',
  'Saleh',
  'Djafar',
  'Ramli',
  'Idris',
];
const JAVA_FIRST = [
  'Sutrisno',
  'Suparmi',
  'Wahyudi',
  'Sri',
  'Suyanto',
  'Endang',
  'Joko',
  'Sugeng',
  'Tri',
  'Puji',
  'Bambang',
  'Siti',
  'Dwi',
  'Agus',
  'Heru',
  'Yuli',
  'Slamet',
  'Sumarni',
  'Eko',
  'Wiwik',
  'Budi',
  'Lilik',
  'Nanang',
  'Retno',
];
const JAVA_LAST = [
  'Wahyuni',
  'Handayani',
  'Prasetyo',
  'Susilo',
  'Rahayu',
  'Purnomo',
  'Setyawan',
  'Lestari',
  'Widodo',
  'Hartono',
  'Suprapto',
  'Kusumawati',
  'Santoso',
  'Nugroho',
  'Astuti',
  'Riyanto',
  'Sulistyowati',
  'Haryanto',
];

const REGIONS: Record<string, DemoRegion> = {
  balangan: { seat: 'Paringin', areaCode: '0526', domain: 'balangankab.go.id', places: PLACES, firstNames: BANJAR_FIRST, lastNames: BANJAR_LAST },
  bontang: {
    seat: 'Bontang',
    areaCode: '0548',
    domain: 'bontangkota.go.id',
    places: [
      'Kecamatan Bontang Utara',
      'Kecamatan Bontang Selatan',
      'Kecamatan Bontang Barat',
      'Kelurahan Api-Api',
      'Kelurahan Gunung Elai',
      'Kelurahan Loktuan',
      'Kelurahan Guntung',
      'Kelurahan Belimbing',
      'Kelurahan Berbas Tengah',
      'Kelurahan Tanjung Laut',
      'Kelurahan Satimpo',
      'Kelurahan Bontang Baru',
      'Kelurahan Kanaan',
      'Kelurahan Telihan',
      'Kelurahan Bontang Kuala',
      'Jalan Ahmad Yani',
      'Jalan MH Thamrin',
      'Jalan Letjen S. Parman',
      'Pasar Rawa Indah',
      'Pelabuhan Tanjung Laut',
    ],
    firstNames: KALTIM_FIRST,
    lastNames: KALTIM_LAST,
  },
  kaltim: {
    seat: 'Samarinda',
    areaCode: '0541',
    domain: 'kaltimprov.go.id',
    places: [
      'Kota Samarinda',
      'Kota Balikpapan',
      'Kota Bontang',
      'Kabupaten Kutai Kartanegara',
      'Kabupaten Kutai Timur',
      'Kabupaten Kutai Barat',
      'Kabupaten Berau',
      'Kabupaten Paser',
      'Kabupaten Penajam Paser Utara',
      'Kabupaten Mahakam Ulu',
      'Kecamatan Tenggarong',
      'Kecamatan Sangatta Utara',
      'Kecamatan Tanjung Redeb',
      'Kecamatan Tanah Grogot',
      'Kecamatan Sendawar',
      'Jalan Poros Samarinda-Balikpapan',
      'Jalan Poros Samarinda-Bontang',
      'Jembatan Mahakam',
      'Jalan Gajah Mada, Samarinda',
      'Jalan Jenderal Sudirman, Balikpapan',
    ],
    firstNames: KALTIM_FIRST,
    lastNames: KALTIM_LAST,
  },
  magetan: {
    seat: 'Magetan',
    areaCode: '0351',
    domain: 'magetan.go.id',
    places: [
      'Kecamatan Magetan',
      'Kecamatan Maospati',
      'Kecamatan Plaosan',
      'Kecamatan Sidorejo',
      'Kecamatan Kawedanan',
      'Kecamatan Panekan',
      'Kecamatan Poncol',
      'Kecamatan Parang',
      'Kecamatan Lembeyan',
      'Kecamatan Takeran',
      'Kecamatan Bendo',
      'Kecamatan Karangrejo',
      'Kecamatan Sukomoro',
      'Kecamatan Karas',
      'Kecamatan Kartoharjo',
      'Desa Sarangan',
      'Desa Ngariboyo',
      'Kelurahan Selosari',
      'Alun-alun Magetan',
      'Telaga Sarangan',
    ],
    firstNames: JAVA_FIRST,
    lastNames: JAVA_LAST,
  },
  'tanah-bumbu': {
    seat: 'Batulicin',
    areaCode: '0518',
    domain: 'tanahbumbukab.go.id',
    places: [
      'Kecamatan Batulicin',
      'Kecamatan Simpang Empat',
      'Kecamatan Kusan Hilir',
      'Kecamatan Kusan Hulu',
      'Kecamatan Karang Bintang',
      'Kecamatan Satui',
      'Kecamatan Angsana',
      'Kecamatan Sungai Loban',
      'Kecamatan Kuranji',
      'Kecamatan Mantewe',
      'Kecamatan Kusan Tengah',
      'Kecamatan Teluk Kepayang',
      'Desa Gunung Tinggi',
      'Desa Sungai Danau',
      'Desa Pulau Salak',
      'Kelurahan Kampung Baru',
      'Jalan Raya Batulicin',
      'Pelabuhan Samudera Batulicin',
      'Pasar Bauntung',
      'Jalan Transmigrasi Km 5',
    ],
    firstNames: BANJAR_FIRST,
    lastNames: BANJAR_LAST,
  },
};

/** The demo region of a preset (Balangan's for a preset this file does not know). */
export function demoRegion(presetId: string): DemoRegion {
  return REGIONS[presetId] ?? REGIONS['balangan'] ?? (Object.values(REGIONS)[0] as DemoRegion);
}
