package main

import (
	"context"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// scenario is one thing to measure.
type scenario struct {
	name string
	// steps returns the requests of one iteration on connection conn: one
	// page, or a post and the page it redirects to.
	steps func(conn int) []*http.Request
	// wrk, when set, is the Lua script that makes the same requests with wrk.
	wrk func() string
}

// result is what one run measured; latencies are of whole iterations.
type result struct {
	name     string
	rps      float64 // iterations per second
	p50, p99 time.Duration
	n        int
	errors   int
}

// runGo drives s with conns connections, each a goroutine with its own
// keep-alive connection, for d.
func runGo(s scenario, conns int, d time.Duration) result {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func(conn int) {
			defer wg.Done()
			client := &http.Client{
				Transport:     &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true},
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			}
			var lat []time.Duration
			bad := 0
			for ctx.Err() == nil {
				t0 := time.Now()
				ok := true
				for _, req := range s.steps(conn) {
					res, err := client.Do(req.WithContext(ctx))
					if err != nil {
						ok = false
						break
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode >= 400 {
						ok = false
					}
				}
				if ctx.Err() != nil {
					break // cut off by the deadline: not counted
				}
				if ok {
					lat = append(lat, time.Since(t0))
				} else {
					bad++
				}
			}
			client.CloseIdleConnections()
			mu.Lock()
			all = append(all, lat...)
			errs += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	r := result{name: s.name, n: len(all), errors: errs, rps: float64(len(all)) / elapsed.Seconds()}
	if len(all) > 0 {
		r.p50 = all[len(all)*50/100]
		r.p99 = all[min(len(all)-1, len(all)*99/100)]
	}
	return r
}
