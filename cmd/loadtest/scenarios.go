package main

import (
	"fmt"
	"net/http"
	"strings"
)

func healthz(base string) scenario {
	return scenario{
		name: "healthz",
		steps: func(int) []*http.Request {
			req, _ := http.NewRequest(http.MethodGet, base+"/healthz", nil)
			return []*http.Request{req}
		},
		wrk: func() string { return `wrk.path = "/healthz"` + "\n" },
	}
}

// getPage fetches path as the members, each connection as one of them.
func getPage(name, base, path string, members []*member) scenario {
	return scenario{
		name: name,
		steps: func(conn int) []*http.Request {
			req, _ := http.NewRequest(http.MethodGet, base+path, nil)
			req.Header.Set("Cookie", members[conn%len(members)].cookie)
			return []*http.Request{req}
		},
		wrk: func() string {
			var b strings.Builder
			b.WriteString("cookies = {")
			for _, m := range members {
				b.WriteString(luaString(m.cookie) + ",")
			}
			fmt.Fprintf(&b, "}\nn = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(\"GET\", %s, {[\"Cookie\"] = cookies[(n %% #cookies) + 1]})\nend\n", luaString(path))
			return b.String()
		},
	}
}

// checkinPost changes today's check-in and, with redirect, follows the
// redirect as a browser does: one iteration is the post and the page after it.
func checkinPost(base string, members []*member, redirect bool) scenario {
	name := "checkin POST alone"
	if redirect {
		name = "checkin POST+redirect"
	}
	return scenario{
		name: name,
		steps: func(conn int) []*http.Request {
			m := members[conn%len(members)]
			f := checkinForm()
			f.Set("_csrf", m.csrf)
			post, _ := http.NewRequest(http.MethodPost, base+m.checkin, strings.NewReader(f.Encode()))
			post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			post.Header.Set("Origin", base)
			post.Header.Set("Cookie", m.cookie)
			get, _ := http.NewRequest(http.MethodGet, base+"/checkins", nil)
			get.Header.Set("Cookie", m.cookie)
			if !redirect {
				return []*http.Request{post}
			}
			return []*http.Request{post, get}
		},
	}
}
