package progress

import (
	"sync"
	"time"
)

// zones are the time zones loaded so far, by name: time.LoadLocation reads
// and parses the zone's file on every call, and a page asks for the zones
// of its members and of every promise.
var zones sync.Map // name -> *time.Location

// Zone is the time zone name, loaded once; UTC when name is not a zone.
func Zone(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC // not remembered: the set of names stays that of real zones
	}
	zones.Store(name, loc)
	return loc
}
