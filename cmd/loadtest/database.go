package main

import (
	"fmt"
	"net/url"
	"os"
	"time"

	"gorm.io/gorm"

	"mend/internal/db"
)

// database is where a round's data lives: its server environment.
type database interface {
	env(dir string) ([]string, error)
}

// sqliteDB is a fresh SQLite file in each round's directory.
type sqliteDB struct{}

func (sqliteDB) env(dir string) ([]string, error) {
	return append(os.Environ(), "MEND_DATA_DIR="+dir, "MEND_DATABASE_URL="), nil
}

// postgresDB is a fresh database on the server MEND_TEST_POSTGRES names
// (a role that may create databases), made again for each round.
type postgresDB struct {
	admin *gorm.DB
	base  *url.URL
	names []string
}

func newPostgresDB(adminURL string) (*postgresDB, error) {
	u, err := url.Parse(adminURL)
	if err != nil {
		return nil, err
	}
	g, err := db.Open(adminURL, "", nil)
	if err != nil {
		return nil, err
	}
	return &postgresDB{admin: g, base: u}, nil
}

func (p *postgresDB) env(dir string) ([]string, error) {
	name := fmt.Sprintf("mend_loadtest_%d_%d", os.Getpid(), time.Now().UnixNano())
	if err := p.admin.Exec("CREATE DATABASE " + name).Error; err != nil {
		return nil, err
	}
	p.names = append(p.names, name)
	u := *p.base
	u.Path = "/" + name
	return append(os.Environ(), "MEND_DATA_DIR="+dir, "MEND_DATABASE_URL="+u.String()), nil
}

// drop removes the databases made.
func (p *postgresDB) drop() {
	for _, name := range p.names {
		p.admin.Exec("DROP DATABASE " + name + " WITH (FORCE)")
	}
	if sqlDB, err := p.admin.DB(); err == nil {
		sqlDB.Close()
	}
}
