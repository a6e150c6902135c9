package db

/*
int sqlite3_config(int, ...);
int sqlite3_status64(int, long long*, long long*, int);

// SQLITE_CONFIG_MEMSTATUS (9) off: SQLite no longer counts every
// allocation under one mutex that all connections of the process share.
static int mend_memstatus_off(void) { return sqlite3_config(9, 0); }

// The bytes SQLite counts as in use now (SQLITE_STATUS_MEMORY_USED, 0):
// zero while it does not count.
static long long mend_memory_used(void) {
	long long cur = 0, hi = 0;
	sqlite3_status64(0, &cur, &hi, 0);
	return cur;
}
*/
import "C"

import "fmt"

// SQLite keeps statistics of its memory by default, taking a global mutex
// on every allocation and free. Mend reads them nowhere, and with four
// connections reading at once that mutex is the busiest lock of the
// process: turning it off made the header count (one statement of many
// subqueries) 25-33% cheaper from four and eight goroutines on two cores.
// It must be set before SQLite initializes, which it does when the first
// database opens: nothing opens one while packages initialize.
func init() {
	if rc := C.mend_memstatus_off(); rc != 0 {
		panic(fmt.Sprintf("db: turning off SQLite's memory statistics: code %d", int(rc)))
	}
}

// sqliteMemoryCounted reports whether SQLite counts its memory (for tests).
func sqliteMemoryCounted() bool { return C.mend_memory_used() != 0 }
