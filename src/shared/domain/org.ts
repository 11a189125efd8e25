/** Units, positions, users and acting assignments: mutable reference data. */
import { z } from 'zod';
import { ActingKind, UnitKind } from './enums';

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id hanya boleh huruf, angka, - dan _');

const Text = (max: number) => z.string().trim().min(1).max(max);

export const Unit = z.object({
  id: Id,
  code: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9.-]+$/, 'kode unit hanya huruf, angka, titik dan -'),
  name: Text(200),
  kind: UnitKind,
  active: z.boolean().default(true),
});
export type Unit = z.infer<typeof Unit>;

/** A post in a unit, filled by a role of the preset (one role may have several posts in a unit). */
export const Position = z.object({
  id: Id,
  unitId: Id,
  roleId: Id,
  title: Text(200),
  active: z.boolean().default(true),
});
export type Position = z.infer<typeof Position>;

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'nama pengguna hanya huruf kecil, angka, titik, - dan _');

export const User = z.object({
  id: Id,
  username: Username,
  fullName: Text(120),
  nip: z
    .string()
    .trim()
    .regex(/^\d{18}$/, 'NIP terdiri dari 18 angka')
    .nullable()
    .default(null),
  rank: z.string().trim().max(80).nullable().default(null),
  isAdmin: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type User = z.infer<typeof User>;

/** A user holds a position definitively (acting null) or as Plt./Plh. for a date range. */
export const Assignment = z.object({
  id: Id,
  userId: Id,
  positionId: Id,
  acting: ActingKind.nullable(),
  /** 'YYYY-MM-DD' inclusive; null = open ended. */
  from: z.iso.date().nullable(),
  until: z.iso.date().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

/** What a logged-in user may act as, right now. */
export interface ActorPosition {
  positionId: string;
  unitId: string;
  roleId: string;
  title: string;
  acting: ActingKind | null;
}

export interface Actor {
  userId: string;
  isAdmin: boolean;
  positions: ActorPosition[];
}
