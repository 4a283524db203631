import { tOr } from '../../shared/i18n';

/** A usage event type as people read it ("Chat messages"), from the catalogue; an unknown type as sent. */
export function usageLabel(type: string): string {
  return tOr(`usage.type.${type}`, type);
}
