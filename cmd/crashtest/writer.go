package main

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
)

// state is what a round's writers share: whether the kill has begun, and
// how many writes were acknowledged.
type state struct {
	killing *atomic.Bool
	acks    *atomic.Int64
}

// write is one acknowledged write: its unique marker and its table.
type write struct{ marker, table string }

// writer is one member writing as fast as the server answers.
type writer struct {
	*account
	id       int
	acked    []write // acknowledged in the current round
	inFlight int     // writes whose answer the kill cut off
	err      error   // a wrong answer, or a lost connection before the kill

	// entry is a journal entry of the writer's that it keeps editing: its
	// body must be the last acknowledged edit, or one of those the kills cut
	// off since (in any round).
	entry    string
	lastEdit string
	pending  []string
}

// newEntry writes the journal entry the writer will edit.
func (w *writer) newEntry() error {
	if _, err := w.get("/journal/new"); err != nil {
		return err
	}
	loc, err := w.post("/journal", url.Values{"title": {fmt.Sprintf("Edited by writer %d", w.id)}, "body": {"Not edited yet."}})
	if err != nil {
		return err
	}
	w.entry = strings.TrimPrefix(loc, "/journal/")
	if w.entry == loc || w.entry == "" {
		return fmt.Errorf("writing a journal entry led to %q", loc)
	}
	return nil
}

// write posts journal entries, gratitude notes and edits of its entry, in
// turn, until a request fails. Once the kill has begun, a connection error
// is the kill; a connection error before it, and any answer other than the
// redirect of a saved form, is a failure.
func (w *writer) write(round int, st *state) {
	w.acked, w.inFlight, w.err = nil, 0, nil
	if _, err := w.get("/journal/new"); err != nil {
		w.fail(err, st.killing)
		return
	}
	for seq := 0; ; seq++ {
		marker := fmt.Sprintf("crash-r%d-w%d-%d", round, w.id, seq)
		var err error
		table := "journal_entries"
		switch seq % 3 {
		case 0:
			_, err = w.post("/journal", url.Values{"title": {marker}, "body": {fmt.Sprintf("Written in round %d.", round)}})
		case 1:
			table = "gratitude_notes"
			_, err = w.post("/gratitude", url.Values{"body": {marker}})
		case 2:
			table = "edit"
			_, err = w.post("/journal/"+w.entry+"/edit", url.Values{"title": {fmt.Sprintf("Edited by writer %d", w.id)}, "body": {marker}})
		}
		if err != nil {
			if w.fail(err, st.killing) {
				w.inFlight++
				if table == "edit" {
					w.pending = append(w.pending, marker)
				}
			}
			return
		}
		if table == "edit" {
			w.lastEdit, w.pending = marker, nil
		}
		w.acked = append(w.acked, write{marker, table})
		st.acks.Add(1)
	}
}

// fail records err unless it is the connection error of the kill, and
// reports whether it was.
func (w *writer) fail(err error, killing *atomic.Bool) bool {
	var st errStatus
	switch {
	case errors.As(err, &st):
		w.err = err
	case !killing.Load():
		w.err = fmt.Errorf("the connection failed while the server was meant to be up: %w", err)
	default:
		return true
	}
	return false
}
