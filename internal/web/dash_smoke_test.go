package web_test

import (
	"testing"
)

func TestSmokeDash(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	r := a.open("/")
	t.Log(excerpt(r.Body))
	p := a.makePromise("Call at lunch")
	b.checkin("note", "hello")
	b.sendNote("Thank you for lunch")
	e.clock.Advance(60e9)
	r = a.open("/")
	if r.Status != 200 {
		t.Fatal(r.Status, excerpt(r.Body))
	}
	t.Log(r.Body[len(r.Body)/4:])
	_ = p
	r = a.open("/timeline")
	t.Log(excerpt(r.Body))
}
