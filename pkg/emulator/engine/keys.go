package engine

import (
	"encoding/json"
	"math"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// keyer assigns dense ids to tuples of column values, in order of first appearance. One keyer used on
// several tables (both sides of a join) gives equal tuples equal ids. Nulls form their own key.
type keyer struct {
	dicts  []*dict
	combos []map[uint64]int32
}

type dict struct {
	strs map[string]int32
	ints map[int64]int32
	null int32
	next int32
}

func newKeyer() *keyer { return &keyer{} }

func (d *dict) id(c *dataset.Column, i int) int32 {
	if c.IsNull(i) {
		if d.null < 0 {
			d.null = d.next
			d.next++
		}
		return d.null
	}
	switch c.Type {
	case dataset.String, dataset.GUID:
		return d.str(c.Str[i])
	case dataset.Real, dataset.Decimal:
		f := c.Real[i]
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 { // 1.0 joins with 1
			return d.int(int64(f))
		}
		return d.str("\x00real" + jsonKey(f))
	case dataset.Dynamic:
		if s, ok := c.Dyn[i].(string); ok {
			return d.str(s)
		}
		return d.str("\x00dyn" + jsonKey(c.Dyn[i]))
	}
	return d.int(c.Int[i])
}

func (d *dict) str(s string) int32 {
	if id, ok := d.strs[s]; ok {
		return id
	}
	d.strs[s] = d.next
	d.next++
	return d.next - 1
}

func (d *dict) int(x int64) int32 {
	if id, ok := d.ints[x]; ok {
		return id
	}
	d.ints[x] = d.next
	d.next++
	return d.next - 1
}

func jsonKey(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

// ids returns each row's tuple id and the number of distinct ids seen so far by this keyer.
func (k *keyer) ids(cols []*dataset.Column) ([]int32, int) {
	if len(cols) == 0 {
		return nil, 1
	}
	for len(k.dicts) < len(cols) {
		k.dicts = append(k.dicts, &dict{strs: map[string]int32{}, ints: map[int64]int32{}, null: -1})
	}
	for len(k.combos) < len(cols)-1 {
		k.combos = append(k.combos, map[uint64]int32{})
	}
	n := cols[0].Len()
	out := make([]int32, n)
	d := k.dicts[0]
	for i := 0; i < n; i++ {
		out[i] = d.id(cols[0], i)
	}
	total := int(d.next)
	for j := 1; j < len(cols); j++ {
		d, combo := k.dicts[j], k.combos[j-1]
		for i := 0; i < n; i++ {
			key := uint64(uint32(out[i]))<<32 | uint64(uint32(d.id(cols[j], i)))
			id, ok := combo[key]
			if !ok {
				id = int32(len(combo))
				combo[key] = id
			}
			out[i] = id
		}
		total = len(combo)
	}
	return out, total
}

// firstRows returns, for each of n ids, the first row that has it.
func firstRows(ids []int32, n int) []int {
	first := make([]int, n)
	for i := range first {
		first[i] = -1
	}
	for i, id := range ids {
		if first[id] < 0 {
			first[id] = i
		}
	}
	return first
}

// lookup returns the ids that rows of cols had when this keyer saw them, without adding new ones: -1 for
// a tuple never seen. A join probes its right side this way, so unmatched rows cost no inserts.
func (k *keyer) lookup(cols []*dataset.Column) []int32 {
	n := cols[0].Len()
	out := make([]int32, n)
	if len(k.dicts) < len(cols) {
		for i := range out {
			out[i] = -1
		}
		return out
	}
	for i := 0; i < n; i++ {
		out[i] = k.dicts[0].find(cols[0], i)
	}
	for j := 1; j < len(cols); j++ {
		d, combo := k.dicts[j], k.combos[j-1]
		for i := 0; i < n; i++ {
			if out[i] < 0 {
				continue
			}
			v := d.find(cols[j], i)
			if v < 0 {
				out[i] = -1
				continue
			}
			id, ok := combo[uint64(uint32(out[i]))<<32|uint64(uint32(v))]
			if !ok {
				id = -1
			}
			out[i] = id
		}
	}
	return out
}

// find is id without inserting: -1 when the value was never seen.
func (d *dict) find(c *dataset.Column, i int) int32 {
	if c.IsNull(i) {
		return d.null
	}
	var key string
	switch c.Type {
	case dataset.String, dataset.GUID:
		key = c.Str[i]
	case dataset.Real, dataset.Decimal:
		f := c.Real[i]
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return d.findInt(int64(f))
		}
		key = "\x00real" + jsonKey(f)
	case dataset.Dynamic:
		s, ok := c.Dyn[i].(string)
		if !ok {
			s = "\x00dyn" + jsonKey(c.Dyn[i])
		}
		key = s
	default:
		return d.findInt(c.Int[i])
	}
	if id, ok := d.strs[key]; ok {
		return id
	}
	return -1
}

func (d *dict) findInt(x int64) int32 {
	if id, ok := d.ints[x]; ok {
		return id
	}
	return -1
}
