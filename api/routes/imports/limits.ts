// Sizes the set-up imports accept. The API enforces them; the workspace reads the same numbers to
// warn before uploading. No imports, so the browser bundle takes it as it is.

/** A diagnosis' municipal boundaries at full resolution fit in a few MB; beyond this, simplify. */
export const MAX_TERRITORY_BYTES = 8 * 1024 * 1024;
export const MAX_FEATURES = 2000;
/** Positions in one feature's geometry: keeps every stored row far below D1's 2 MB row limit. */
export const MAX_POSITIONS = 50_000;

export const MAX_INSTITUTIONS_CSV_BYTES = 1024 * 1024;
export const MAX_INSTITUTION_ROWS = 5000;
