package db

/*
#include <stdlib.h>
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_config(int, ...);
int sqlite3_db_config(sqlite3*, int, ...);
int sqlite3_auto_extension(void (*)(void));
int sqlite3_status64(int, long long*, long long*, int);
int sqlite3_open(const char*, sqlite3**);
int sqlite3_close(sqlite3*);
int sqlite3_exec(sqlite3*, const char*, void*, void*, char**);
int sqlite3_prepare_v2(sqlite3*, const char*, int, sqlite3_stmt**, const char**);
int sqlite3_bind_int(sqlite3_stmt*, int, int);
int sqlite3_step(sqlite3_stmt*);
int sqlite3_reset(sqlite3_stmt*);
int sqlite3_clear_bindings(sqlite3_stmt*);
int sqlite3_stmt_status(sqlite3_stmt*, int, int);
int sqlite3_finalize(sqlite3_stmt*);

// SQLITE_CONFIG_MEMSTATUS (9) off: SQLite no longer counts every
// allocation under one mutex that all connections of the process share.
static int mend_memstatus_off(void) { return sqlite3_config(9, 0); }

// Every connection SQLite opens from now on keeps the plan it prepared
// (SQLITE_DBCONFIG_ENABLE_QPSG, 1007).
static int mend_conn_init(sqlite3 *db, char **err, const void *api) {
	(void)err; (void)api;
	return sqlite3_db_config(db, 1007, 1, (int*)0);
}
static int mend_auto_init(void) { return sqlite3_auto_extension((void (*)(void))mend_conn_init); }

// The bytes SQLite counts as in use now (SQLITE_STATUS_MEMORY_USED, 0):
// zero while it does not count.
static long long mend_memory_used(void) {
	long long cur = 0, hi = 0;
	sqlite3_status64(0, &cur, &hi, 0);
	return cur;
}

// How many times a statement of a new connection is prepared again when
// it runs three times as the driver runs it (bind, step, reset, clear the
// bindings): SQLITE_STMTSTATUS_REPREPARE (5), or -1 on an error.
static int mend_reprepares(const char *schema, const char *query) {
	sqlite3 *db = 0;
	sqlite3_stmt *st = 0;
	int n = -1;
	if (sqlite3_open(":memory:", &db) != 0) goto out;
	if (sqlite3_exec(db, schema, 0, 0, 0) != 0) goto out;
	if (sqlite3_prepare_v2(db, query, -1, &st, 0) != 0) goto out;
	for (int i = 0; i < 3; i++) {
		sqlite3_bind_int(st, 1, i % 2);
		sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	n = sqlite3_stmt_status(st, 5, 0);
out:
	if (st) sqlite3_finalize(st);
	if (db) sqlite3_close(db);
	return n;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Two settings of SQLite itself, made before it initializes, which it does
// when the first database opens (nothing opens one while packages
// initialize):
//
//   - Its memory statistics are off. Kept by default, they take a global
//     mutex on every allocation and free; Mend reads them nowhere, and with
//     four connections reading at once that mutex was the busiest lock of
//     the process: the header count (one statement of many subqueries) from
//     4 and 8 goroutines on 2 cores took 0.30-0.36 ms of wall time per call
//     instead of 0.41-0.52 ms.
//   - Every connection keeps the plan it prepared for a statement
//     (the query planner stability guarantee). Without it SQLite marks a
//     statement whose plan might change with the value of a parameter
//     (any "column = ?", for its guess of how many rows match a 0 or a 1),
//     and go-sqlite3 clears the bindings after every run, which expires a
//     marked statement: nearly every statement was parsed and planned again
//     on every run, however well it was prepared. Mend's plans depend on no
//     value: its partial indexes and limits are written into the SQL.
func init() {
	if rc := C.mend_memstatus_off(); rc != 0 {
		panic(fmt.Sprintf("db: turning off SQLite's memory statistics: code %d", int(rc)))
	}
	if rc := C.mend_auto_init(); rc != 0 {
		panic(fmt.Sprintf("db: keeping SQLite's plans: code %d", int(rc)))
	}
}

// sqliteMemoryCounted reports whether SQLite counts its memory (for tests).
func sqliteMemoryCounted() bool { return C.mend_memory_used() != 0 }

// sqliteReprepares is how often a statement run three times with new
// bindings is prepared again on a new connection (for tests).
func sqliteReprepares(schema, query string) int {
	cs, cq := C.CString(schema), C.CString(query)
	defer C.free(unsafe.Pointer(cs))
	defer C.free(unsafe.Pointer(cq))
	return int(C.mend_reprepares(cs, cq))
}
