import type { TFunction } from 'i18next';
import type { ActingKind } from '../../shared/domain/enums';

/** "Plt. Kepala Dinas" for an acting official, the plain title otherwise. */
export function actingTitle(title: string, acting: ActingKind | null, t: TFunction): string {
  return acting ? `${t(`acting.${acting}`)} ${title}` : title;
}
