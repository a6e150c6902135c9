package main

import (
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
)

// write is one acknowledged write: its unique marker and its table.
type write struct{ marker, table string }

// writer is one member writing as fast as the server answers.
type writer struct {
	*account
	id       int
	acked    []write // acknowledged in the current round
	inFlight int     // writes whose answer the kill cut off
	err      error   // a wrong answer, or a lost connection before the kill
}

// write posts journal entries and gratitude notes, alternately, until a
// request fails. Once killing is set, a connection error is the kill; before
// it, and any answer other than the redirect of a saved form, is a failure.
func (w *writer) write(round int, killing *atomic.Bool) {
	w.acked, w.inFlight, w.err = nil, 0, nil
	if _, err := w.get("/journal/new"); err != nil {
		w.fail(err, killing)
		return
	}
	for seq := 0; ; seq++ {
		marker := fmt.Sprintf("crash-r%d-w%d-%d", round, w.id, seq)
		var err error
		table := "journal_entries"
		if seq%2 == 0 {
			_, err = w.post("/journal", url.Values{"title": {marker}, "body": {fmt.Sprintf("Written in round %d.", round)}})
		} else {
			table = "gratitude_notes"
			_, err = w.post("/gratitude", url.Values{"body": {marker}})
		}
		if err != nil {
			if w.fail(err, killing) {
				w.inFlight++
			}
			return
		}
		w.acked = append(w.acked, write{marker, table})
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
