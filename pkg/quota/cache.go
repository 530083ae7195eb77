package quota

import (
	"container/list"
	"time"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

// staleFor is how long an expired result stays available to be served, with a notice, while the
// budget is spent. Older data would mislead more than an error.
const staleFor = time.Hour

// cacheEntry is one stored result. The Result and its Frame are never modified after put: every
// reader gets a copy of the Result struct sharing the read-only frame.
type cacheEntry struct {
	key      cacheKey
	res      *hunting.Result
	storedAt time.Time
	size     int64
	elem     *list.Element
}

// resultCache is an LRU of results bounded in bytes. It is not safe for concurrent use: the Runner's
// lock guards it.
type resultCache struct {
	ttl      time.Duration
	maxBytes int64
	bytes    int64
	entries  map[string]*cacheEntry
	// latest maps a query shape (the query with its time range taken out) to its newest entry, so a
	// dashboard whose relative range moved on can still be shown its previous answer while throttled.
	latest map[string]*cacheEntry
	lru    *list.List
	// swept is when entries older than staleFor were last dropped.
	swept time.Time
}

func newResultCache(ttl time.Duration, maxBytes int64) *resultCache {
	return &resultCache{ttl: ttl, maxBytes: maxBytes, entries: map[string]*cacheEntry{},
		latest: map[string]*cacheEntry{}, lru: list.New()}
}

// fresh returns the entry for k when it is younger than the TTL.
func (c *resultCache) fresh(k cacheKey, now time.Time) (*cacheEntry, bool) {
	e, ok := c.entries[k.id]
	if !ok || c.ttl <= 0 || now.Sub(e.storedAt) >= c.ttl {
		return nil, false
	}
	c.lru.MoveToFront(e.elem)
	return e, true
}

// stale returns the newest result for k, or for the same query over an earlier time range, stored less
// than staleFor ago.
func (c *resultCache) stale(k cacheKey, now time.Time) (*cacheEntry, bool) {
	e, ok := c.entries[k.id]
	if !ok {
		e, ok = c.latest[k.shape]
	}
	if !ok || now.Sub(e.storedAt) >= staleFor {
		return nil, false
	}
	return e, true
}

// put stores res under k unless it alone exceeds the byte bound.
func (c *resultCache) put(k cacheKey, res *hunting.Result, now time.Time) {
	if c.maxBytes <= 0 {
		return
	}
	size := estimateSize(res) + int64(len(k.id))
	if size > c.maxBytes {
		return
	}
	if old, ok := c.entries[k.id]; ok {
		c.removeEntry(old)
	}
	e := &cacheEntry{key: k, res: res, storedAt: now, size: size}
	e.elem = c.lru.PushFront(e)
	c.entries[k.id] = e
	// A slow query for an older range may finish after a newer one: keep the newest range.
	if old, ok := c.latest[k.shape]; !ok || old.key.to <= k.to {
		c.latest[k.shape] = e
	}
	c.bytes += size
	for c.bytes > c.maxBytes {
		c.removeEntry(c.lru.Back().Value.(*cacheEntry))
	}
	if now.Sub(c.swept) >= time.Minute {
		c.swept = now
		c.dropOlderThan(now.Add(-staleFor))
	}
}

// dropOlderThan removes entries stored before t. A full scan: a cache holds hundreds of results, not
// millions, and LRU order is not storage order.
func (c *resultCache) dropOlderThan(t time.Time) {
	for el := c.lru.Back(); el != nil; {
		e := el.Value.(*cacheEntry)
		el = el.Prev()
		if e.storedAt.Before(t) {
			c.removeEntry(e)
		}
	}
}

func (c *resultCache) removeEntry(e *cacheEntry) {
	c.lru.Remove(e.elem)
	delete(c.entries, e.key.id)
	if c.latest[e.key.shape] == e {
		delete(c.latest, e.key.shape)
	}
	c.bytes -= e.size
}

func (c *resultCache) purge() {
	clear(c.entries)
	clear(c.latest)
	c.lru.Init()
	c.bytes = 0
}
