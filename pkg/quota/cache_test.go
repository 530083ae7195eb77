package quota

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

func TestEstimateSize(t *testing.T) {
	s := "abcdefghij"
	tests := []struct {
		name string
		in   *hunting.Result
		want int64
	}{
		{name: "nil", in: nil, want: 0},
		{name: "stats only", in: &hunting.Result{Stats: json.RawMessage(`{"a":1}`)}, want: 7},
		{name: "strings", in: &hunting.Result{Frame: data.NewFrame("", data.NewField("S", nil, []string{s, s}))},
			want: 1 + sliceOverhead + 2*sliceOverhead + 20},
		{name: "nullable strings", in: &hunting.Result{Frame: data.NewFrame("", data.NewField("S", nil, []*string{&s, nil}))},
			want: 1 + sliceOverhead + 2*pointerOverhead + 2*sliceOverhead + 10},
		{name: "int64", in: &hunting.Result{Frame: data.NewFrame("", data.NewField("N", nil, []int64{1, 2, 3}))},
			want: 1 + sliceOverhead + 24},
		{name: "json", in: &hunting.Result{Frame: data.NewFrame("", data.NewField("J", nil, []json.RawMessage{json.RawMessage(`[1,2]`)}))},
			want: 1 + sliceOverhead + sliceOverhead + 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := estimateSize(tc.in); got != tc.want {
				t.Errorf("estimateSize = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestCacheStaysWithinItsByteBound(t *testing.T) {
	big := func(n int) *hunting.Result {
		rows := make([]string, n)
		for i := range rows {
			rows[i] = fmt.Sprintf("%0100d", i)
		}
		return &hunting.Result{Frame: data.NewFrame("", data.NewField("S", nil, rows))}
	}
	one := estimateSize(big(10)) + 100
	c := newResultCache(time.Minute, 3*one)
	keys := make([]cacheKey, 5)
	for i := range keys {
		keys[i] = keyFor("graph", req(i, ""))
		c.put(keys[i], big(10), t0)
		if c.bytes > c.maxBytes {
			t.Fatalf("after %d puts the cache holds %d bytes, bound %d", i+1, c.bytes, c.maxBytes)
		}
	}
	if _, ok := c.fresh(keys[0], t0); ok {
		t.Error("the least recently used entry should have been evicted")
	}
	if _, ok := c.fresh(keys[4], t0); !ok {
		t.Error("the newest entry should be cached")
	}
	c.put(keyFor("graph", req(9, "")), big(1000), t0)
	if _, ok := c.fresh(keyFor("graph", req(9, "")), t0); ok {
		t.Error("a result larger than the whole bound must not be cached")
	}
	if _, ok := c.fresh(keys[4], t0); !ok {
		t.Error("an oversized result must not evict everything else")
	}
}

func TestStaleResultsExpire(t *testing.T) {
	c := newResultCache(time.Minute, 1<<20)
	k := keyFor("graph", qA)
	c.put(k, rowsFor(qA), t0)
	if _, ok := c.stale(k, t0.Add(staleFor-time.Second)); !ok {
		t.Error("a result younger than staleFor should be servable while throttled")
	}
	if _, ok := c.stale(k, t0.Add(staleFor)); ok {
		t.Error("a result older than staleFor must not be served")
	}
}

func TestStaleFallbackPrefersTheLatestRange(t *testing.T) {
	c := newResultCache(time.Minute, 1<<20)
	at := func(m int) hunting.Request {
		return hunting.Request{Query: qA.Query, From: from.Add(time.Duration(m) * time.Minute), To: to.Add(time.Duration(m) * time.Minute)}
	}
	c.put(keyFor("graph", at(2)), rowsFor(at(2)), t0)
	c.put(keyFor("graph", at(1)), rowsFor(at(1)), t0.Add(time.Second)) // an older range answered later
	e, ok := c.stale(keyFor("graph", at(3)), t0.Add(2*time.Second))
	if !ok || e.key.id != keyFor("graph", at(2)).id {
		t.Fatalf("stale answer for a new range = %+v, want the latest range's", e)
	}
}
