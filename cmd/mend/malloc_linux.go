//go:build linux && cgo

package main

// The C allocator (glibc's, which SQLite allocates through) keeps one arena
// for every thread rather than one per thread that calls into it, up to
// eight per core: SQLite's page caches and statements, allocated from
// whichever thread a request runs on, each left free space of their own
// behind. Set when the program is loaded, before the Go runtime starts a
// thread: glibc fixes its number of arenas when a second thread first
// allocates. MALLOC_ARENA_MAX, when set, stands.

/*
#include <malloc.h>
#include <stdlib.h>

__attribute__((constructor)) static void mend_one_malloc_arena(void) {
	if (getenv("MALLOC_ARENA_MAX") == NULL) {
		mallopt(M_ARENA_MAX, 1);
	}
}
*/
import "C"
