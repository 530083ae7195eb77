package telemetry

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// rnd is a deterministic random source. Each concern draws from its own stream (seed x stream name), so
// adding events to one table does not reshuffle every other table.
type rnd struct{ *rand.Rand }

func newRnd(seed int64, stream string) *rnd {
	h := fnv.New64a()
	h.Write([]byte(stream))
	return &rnd{rand.New(rand.NewPCG(uint64(seed), h.Sum64()))}
}

func (r *rnd) chance(p float64) bool { return r.Float64() < p }

// between returns an int in [lo, hi].
func (r *rnd) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func pick[T any](r *rnd, xs []T) T { return xs[r.IntN(len(xs))] }

// hourWeights are relative activity per UTC hour: the demo organisation works 08:00-18:00 UTC.
func hourWeights(server bool) [24]float64 {
	if server {
		return [24]float64{4, 3, 6, 3, 3, 3, 4, 5, 7, 8, 8, 8, 7, 8, 8, 8, 7, 6, 5, 4, 4, 4, 4, 4}
	}
	return [24]float64{.3, .2, .2, .2, .2, .3, .8, 4, 9, 10, 10, 9, 6, 9, 10, 9, 8, 5, 2.5, 1.5, 1, .8, .5, .4}
}

// clock places events inside the generated window with a diurnal and weekly rhythm.
type clock struct {
	start, end int64 // Unix ns, inclusive window
	days       int
	dayZero    time.Time // midnight UTC of the first (possibly partial) day
	ws, srv    [25]float64
}

func newClock(now time.Time, days int) *clock {
	c := &clock{end: now.UnixNano(), start: now.Add(-time.Duration(days) * 24 * time.Hour).UnixNano(), days: days}
	c.dayZero = now.Add(-time.Duration(days) * 24 * time.Hour).Truncate(24 * time.Hour)
	for i, cum := range []*[25]float64{&c.ws, &c.srv} {
		w := hourWeights(i == 1)
		for h := 0; h < 24; h++ {
			cum[h+1] = cum[h] + w[h]
		}
	}
	return c
}

// numDays is how many calendar days (partial first and last included) the window touches.
func (c *clock) numDays() int { return c.days + 1 }

func (c *clock) day(d int) time.Time { return c.dayZero.Add(time.Duration(d) * 24 * time.Hour) }

// weekend reports whether day d is a Saturday or Sunday.
func (c *clock) weekend(d int) bool {
	wd := c.day(d).Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// at samples a time on day d following the hourly weights; ok is false when it falls outside the window.
func (c *clock) at(r *rnd, d int, server bool) (int64, bool) {
	cum := &c.ws
	if server {
		cum = &c.srv
	}
	x := r.Float64() * cum[24]
	h := 0
	for h < 23 && cum[h+1] <= x {
		h++
	}
	ts := c.day(d).UnixNano() + int64(h)*int64(time.Hour) + r.Int64N(int64(time.Hour))
	return ts, ts >= c.start && ts <= c.end
}

// clamp keeps ts inside the window (story events placed relative to the end).
func (c *clock) clamp(ts int64) int64 { return min(max(ts, c.start), c.end) }

// digests returns SHA1, SHA256 and MD5 of key: stable, well-formed hashes for a synthetic file identity.
func digests(key string) (string, string, string) {
	s1 := sha1.Sum([]byte(key))
	s2 := sha256.Sum256([]byte(key))
	m := md5.Sum([]byte(key))
	return hex.EncodeToString(s1[:]), hex.EncodeToString(s2[:]), hex.EncodeToString(m[:])
}

// guidOf formats a version-4 style GUID derived from key.
func guidOf(key string) string {
	b := sha256.Sum256([]byte(key))
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
