package web_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/config"
)

func TestZZStatements(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	e := newEnv(t, func(c *config.Config) { c.PageCache = false })
	a, p := e.couple("Ana", "Ben")
	seedCouple(t, e, a, p, 365, 0, 30)
	a.open("/")
	var mu sync.Mutex
	type st struct {
		sql string
		d   time.Duration
	}
	var list []st
	var starts sync.Map
	before := func(db *gorm.DB) { starts.Store(db.Statement, time.Now()) }
	after := func(db *gorm.DB) {
		if db.DryRun {
			return
		}
		v, _ := starts.Load(db.Statement)
		t0, _ := v.(time.Time)
		mu.Lock()
		list = append(list, st{db.Dialector.Explain(db.Statement.SQL.String(), db.Statement.Vars...), time.Since(t0)})
		mu.Unlock()
	}
	cb := e.db.Callback()
	cb.Query().Before("gorm:query").Register("zz:b1", before)
	cb.Query().After("gorm:query").Register("zz:a1", after)
	cb.Row().Before("gorm:row").Register("zz:b2", before)
	cb.Row().After("gorm:row").Register("zz:a2", after)
	cb.Raw().Before("gorm:raw").Register("zz:b3", before)
	cb.Raw().After("gorm:raw").Register("zz:a3", after)
	paths := strings.Split(os.Getenv("ZZ"), ",")
	for _, path := range paths {
		for i := 0; i < 20; i++ {
			a.get(path)
		}
		mu.Lock()
		list = nil
		mu.Unlock()
		t0 := time.Now()
		a.get(path)
		total := time.Since(t0)
		mu.Lock()
		sort.Slice(list, func(i, j int) bool { return list[i].d > list[j].d })
		fmt.Printf("==== %s total %v, %d statements\n", path, total, len(list))
		for _, s := range list {
			q := s.sql
			if os.Getenv("ZZFULL") == "" && len(q) > 300 {
				q = q[:300]
			}
			fmt.Printf("  %8v  %s\n", s.d, strings.ReplaceAll(q, "\n", " "))
		}
		mu.Unlock()
	}
}
