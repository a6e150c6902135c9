package progress

import (
	"testing"
	"time"
)

func TestZone(t *testing.T) {
	berlin := Zone("Europe/Berlin")
	if berlin.String() != "Europe/Berlin" || Zone("Europe/Berlin") != berlin {
		t.Fatalf("Europe/Berlin: %v, loaded twice: %v", berlin, Zone("Europe/Berlin") != berlin)
	}
	if Zone("Nowhere/Atlantis") != time.UTC || Zone("") != time.UTC {
		t.Fatal("an unknown zone is not UTC")
	}
	if _, ok := zones.Load("Nowhere/Atlantis"); ok {
		t.Fatal("an unknown name is remembered")
	}
}
