/** A risk level's badge colour. */
export const RISK_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'gray' };
