// Package static holds the stylesheet, scripts and icons, embedded in the
// binary, and gives each a URL that changes when its content does so that it
// can be cached for a year.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
)

//go:embed *.css *.js *.svg *.png *.webmanifest
var FS embed.FS

// The web app manifest's type, which not every system's MIME table knows.
func init() { _ = mime.AddExtensionType(".webmanifest", "application/manifest+json") }

var versions = func() map[string]string {
	m := map[string]string{}
	_ = fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := FS.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m[path] = hex.EncodeToString(sum[:6])
		return nil
	})
	return m
}()

// URL is the cache-busting address of the embedded file name.
func URL(name string) string {
	return "/static/" + name + "?v=" + versions[name]
}
