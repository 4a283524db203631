/**
 * A CSV cell a spreadsheet would run as a formula starts with one of these. Papa's own
 * `escapeFormulae: true` pattern misses a cell that goes on over several lines, so both CSV writers
 * (the users export and the console's invitation results) pass this one: such cells get a leading '.
 */
export const FORMULA_CELL = /^[=+\-@\t\r]/;
