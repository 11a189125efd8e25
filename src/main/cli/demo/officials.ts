/**
 * Officials as an office writes them: pangkat with golongan as "Pembina Tingkat I (IV/b)", a
 * degree with its dots, and an 18-digit NIP (PP 11/2017 format: birth date, TMT CPNS year and
 * month, gender, sequence) whose birth and appointment dates fit the rank: a Kepala Dinas at
 * IV/c was born in the late sixties and appointed in his twenties, a staff member at III/a is young.
 */
import type { Rng } from './random';

const PANGKAT: Record<string, string> = {
  'III/a': 'Penata Muda',
  'III/b': 'Penata Muda Tingkat I',
  'III/c': 'Penata',
  'III/d': 'Penata Tingkat I',
  'IV/a': 'Pembina',
  'IV/b': 'Pembina Tingkat I',
  'IV/c': 'Pembina Utama Muda',
};

/** Golongan a post's holder typically has, and the birth years that fit it. */
const LADDER: Array<{ match: RegExp; golongan: string[]; born: [number, number] }> = [
  { match: /kadis|kepala_dinas|kepala_opd|^kepala$/, golongan: ['IV/b', 'IV/c'], born: [1966, 1974] },
  { match: /sekretaris|kabid|kepala_bidang/, golongan: ['IV/a', 'IV/b'], born: [1970, 1979] },
  { match: /kasi|kasubbag|kepala_seksi/, golongan: ['III/c', 'III/d'], born: [1976, 1986] },
];
const STAFF = { golongan: ['III/a', 'III/b', 'III/c'], born: [1984, 1996] as [number, number] };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Women's first names of the demo word lists; the NIP's 15th digit is 2 for a woman, 1 for a man. */
const WOMEN = new Set([
  'Siti',
  'Dewi',
  'Rina',
  'Yuliana',
  'Fitri',
  'Sri',
  'Nurhayati',
  'Aisyah',
  'Lestari',
  'Herlina',
  'Norhasanah',
  'Mahmudah',
  'Noorlatifah',
  'Zainab',
  'Rahmawati',
  'Dayang',
  'Rusmini',
  'Suriani',
  'Kartini',
  'Asniah',
  'Marlina',
  'Suparmi',
  'Endang',
  'Sumarni',
  'Wiwik',
  'Retno',
  'Nurul',
  'Yuli',
]);
/** Given to women and men alike: the drawn digit stands. */
const EITHER = new Set(['Nur', 'Tri', 'Dwi', 'Puji', 'Lilik', 'Syahrani']);

/**
 * Rank ("Penata Tingkat I (III/d)") and NIP for the holder of a post of role `roleId`; the NIP's
 * gender digit follows the holder's first name when the name says it.
 */
export function officialRankAndNip(rng: Rng, roleId: string, fullName = ''): { rank: string; nip: string } {
  const step = LADDER.find((l) => l.match.test(roleId)) ?? STAFF;
  const golongan = rng.pick(step.golongan);
  const born = rng.int(step.born[0], step.born[1]);
  // CPNS between 23 and 30 years old (the limit is 35), and never in the future.
  const appointed = Math.min(born + rng.int(23, 30), 2021);
  const birthDay = `${born}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`;
  const month = pad(rng.int(1, 12));
  // Drawn even when the name decides, so a seed gives the same office as before.
  const drawn = rng.int(1, 2);
  const first = fullName.split(/[\s,]/)[0] ?? '';
  const gender = WOMEN.has(first) ? 2 : EITHER.has(first) || first === '' ? drawn : 1;
  const nip = `${birthDay}${appointed}${month}${gender}${pad(rng.int(1, 20), 3)}`;
  return { rank: `${PANGKAT[golongan] ?? 'Penata'} (${golongan})`, nip };
}
