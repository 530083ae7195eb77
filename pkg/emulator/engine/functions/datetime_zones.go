package functions

import (
	"fmt"
	"time"
	// Embedded zone data keeps datetime_utc_to_local working on hosts without /usr/share/zoneinfo.
	_ "time/tzdata"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// registerTimeZones adds datetime_utc_to_local and datetime_local_to_utc.
func registerTimeZones(r *Registry) {
	for _, dir := range []struct {
		name    string
		toLocal bool
	}{{"datetime_utc_to_local", true}, {"datetime_local_to_utc", false}} {
		dir := dir
		r.addScalar(&Scalar{
			Name: dir.name, MinArgs: 2, MaxArgs: 2, Result: fixed(dir.name, dataset.DateTime, kTime, kString),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				return evalTimeZone(dir.name, dir.toLocal, args, n)
			},
		})
	}
}

// evalTimeZone converts between UTC and an IANA time zone; an unknown zone is an error naming it.
func evalTimeZone(fn string, toLocal bool, args []*dataset.Column, n int) (*dataset.Column, error) {
	out := newOut(dataset.DateTime, n)
	zones := map[string]*time.Location{}
	for i := 0; i < n; i++ {
		ns, ok := timeOf(args[0], i)
		if !ok {
			out.SetNull(i)
			continue
		}
		name := strCell(args[1], i)
		loc, seen := zones[name]
		if !seen {
			l, err := time.LoadLocation(name)
			if err != nil {
				return nil, fmt.Errorf("%s(): unknown time zone %q; use an IANA name such as Europe/Paris", fn, name)
			}
			zones[name], loc = l, l
		}
		t := time.Unix(0, ns).UTC()
		if toLocal {
			_, off := t.In(loc).Zone()
			out.Int[i] = ns + int64(off)*1e9
			continue
		}
		local := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		out.Int[i] = local.UnixNano()
	}
	return out, nil
}
