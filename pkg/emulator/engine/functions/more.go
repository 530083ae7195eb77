package functions

import (
	"fmt"
	"strings"
	"time"
	// Embedded zone data keeps datetime_utc_to_local working on hosts without /usr/share/zoneinfo.
	_ "time/tzdata"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

func registerMore(r *Registry) {
	// The emulator has no ingestion pipeline: ingestion_time() is null, as Kusto answers for tables
	// without the ingestion-time policy.
	r.addScalar(&Scalar{
		Name: "ingestion_time", MinArgs: 0, MaxArgs: 0, Result: fixed("ingestion_time", dataset.DateTime),
		Eval: func(_ *Context, _ []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.DateTime, n)
			for i := 0; i < n; i++ {
				out.SetNull(i)
			}
			return out, nil
		},
	})
	strToDyn(r, "unicode_codepoints_from_string", func(s string) any {
		out := []any{}
		for _, c := range s {
			out = append(out, int64(c))
		}
		return out
	})
	r.addScalar(&Scalar{
		Name: "dynamic_to_json", MinArgs: 1, MaxArgs: 1, Result: fixed("dynamic_to_json", dataset.String, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				// encoding/json writes bag keys sorted, which is what dynamic_to_json promises.
				out.Str[i] = jsonText(dynCell(args[0], i))
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "jaccard_index", MinArgs: 2, MaxArgs: 2, Result: fixed("jaccard_index", dataset.Real, kArray, kArray),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Real, n)
			for i := 0; i < n; i++ {
				a, _ := arrayCell(args[0], i)
				b, _ := arrayCell(args[1], i)
				out.Real[i] = jaccard(a, b)
			}
			return out, nil
		},
	})
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
	r.addScalar(&Scalar{
		Name: "parse_user_agent", MinArgs: 1, MaxArgs: 2, Result: fixed("parse_user_agent", dataset.Dynamic, kString, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				out.Dyn[i] = parseUserAgent(strCell(args[0], i))
			}
			return out, nil
		},
	})
}

// jaccard is |a ∩ b| / |a ∪ b| over distinct elements; two empty sets give 0 as in Kusto.
func jaccard(a, b []any) float64 {
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, v := range a {
		sa[dynKey(v)] = true
	}
	for _, v := range b {
		sb[dynKey(v)] = true
	}
	inter := 0
	for k := range sa {
		if sb[k] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
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

// parseUserAgent recognises the common browsers and operating systems; it returns the bag shape of
// Kusto's parse_user_agent(ua, "browser"/"os"), with empty names when nothing matches.
func parseUserAgent(ua string) any {
	browser, os := "", ""
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"},
		{"Safari/", "Safari"}, {"MSIE ", "IE"}, {"Trident/", "IE"}, {"curl/", "curl"},
		{"PowerShell/", "PowerShell"}, {"python-requests/", "Python Requests"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	for _, o := range []struct{ token, name string }{
		{"Windows", "Windows"}, {"Android", "Android"}, {"iPhone", "iOS"}, {"iPad", "iOS"},
		{"Mac OS X", "Mac OS X"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			os = o.name
			break
		}
	}
	return map[string]any{
		"Browser":         map[string]any{"Family": browser},
		"OperatingSystem": map[string]any{"Family": os},
	}
}
