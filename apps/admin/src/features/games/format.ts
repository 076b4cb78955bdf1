/** 0.96 → "96.00%". */
export const pct = (fraction: number, digits = 2) => `${(fraction * 100).toFixed(digits)}%`;
/** 2.5 → "2.50×". */
export const x = (m: number) => `${m.toFixed(2)}×`;
