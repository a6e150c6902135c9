// Package progress holds the pure arithmetic behind promises and the dashboard:
// civil calendar dates, the due occurrences of a promise, kept rates and runs,
// and the weekly series drawn in charts.
//
// Nothing here does I/O or reads the clock: "now" and "today" are parameters,
// so every result is reproducible in tests and the same for both partners.
package progress
