package quota

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

// cacheKey identifies a request for caching and coalescing.
type cacheKey struct {
	// id is identity, flavor, time range and query: requests with equal ids get equal answers.
	id string
	// shape is id without the time range, for serving an earlier range's answer while throttled.
	shape string
	// to orders answers of one shape: the latest range is the best stale answer.
	to int64
}

// keyFor builds the key. The identity comes first and is length-prefixed so that no choice of query
// text can make two identities' keys collide.
func keyFor(flavor string, req hunting.Request) cacheKey {
	head := fmt.Sprintf("%d:%s|%d:%s|", len(req.Identity), req.Identity, len(flavor), flavor)
	rng := fmt.Sprintf("%d/%d|", unixOrZero(req.From), unixOrZero(req.To))
	return cacheKey{
		id:    head + rng + req.Query,
		shape: head + rangeFree(req),
		to:    unixOrZero(req.To),
	}
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// rangeFree replaces the request's own time range, as the plugin's macros render it into the KQL, with
// placeholders: the same panel over a later range then has the same shape.
func rangeFree(req hunting.Request) string {
	q := req.Query
	for _, p := range []struct {
		t   time.Time
		tag string
	}{{req.From, "$__from"}, {req.To, "$__to"}} {
		if p.t.IsZero() {
			continue
		}
		u := p.t.UTC()
		for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05.000Z07:00", "2006-01-02T15:04:05.0000000Z07:00"} {
			q = strings.ReplaceAll(q, u.Format(layout), p.tag)
		}
	}
	return q
}

// hash is a short, non-reversible name for a key in logs (query text can hold user names and paths).
func (k cacheKey) hash() string {
	h := fnv.New64a()
	h.Write([]byte(k.id))
	return fmt.Sprintf("%016x", h.Sum64())
}
