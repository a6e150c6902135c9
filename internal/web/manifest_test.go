package web_test

import (
	"encoding/json"
	"html"
	"image/png"
	"net/http"
	"regexp"
	"testing"
)

var manifestLinkRe = regexp.MustCompile(`<link rel="manifest" href="([^"]+)"`)

// TestWebAppManifest: every page links a manifest that a phone can install
// the app from: a name, a start URL, standalone display, and PNG icons of
// 192 and 512 pixels (and maskable ones) that are real images of that size.
func TestWebAppManifest(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	m := manifestLinkRe.FindStringSubmatch(c.open("/login").Body)
	if m == nil {
		t.Fatal("no manifest link in the layout")
	}
	r := c.get(html.UnescapeString(m[1]))
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/manifest+json" {
		t.Fatalf("manifest: %d %q", r.Status, r.Header.Get("Content-Type"))
	}
	var mf struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
		StartURL  string `json:"start_url"`
		Display   string `json:"display"`
		Icons     []struct{ Src, Sizes, Type, Purpose string }
	}
	if err := json.Unmarshal([]byte(r.Body), &mf); err != nil {
		t.Fatal(err)
	}
	if mf.Name != "Mend" || mf.StartURL != "/" || mf.Display != "standalone" || mf.ShortName == "" {
		t.Fatalf("manifest: %+v", mf)
	}
	sizes := map[string]bool{}
	for _, ic := range mf.Icons {
		res, err := http.Get(e.srv.URL + ic.Src)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != ic.Type {
			t.Fatalf("%s: %d %q", ic.Src, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if ic.Type == "image/png" {
			cfg, err := png.DecodeConfig(res.Body)
			if err != nil {
				t.Fatalf("%s: %v", ic.Src, err)
			}
			if got := itoa(int64(cfg.Width)) + "x" + itoa(int64(cfg.Height)); got != ic.Sizes {
				t.Errorf("%s is %s, the manifest says %s", ic.Src, got, ic.Sizes)
			}
			sizes[ic.Sizes+" "+ic.Purpose] = true
		}
		res.Body.Close()
	}
	for _, want := range []string{"192x192 ", "512x512 ", "192x192 maskable", "512x512 maskable"} {
		if !sizes[want] {
			t.Errorf("no %q icon", want)
		}
	}
}
