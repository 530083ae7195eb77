package functions

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// cellString is tostring() of cell i: strings as they are, null as "", dynamic as JSON (a dynamic string
// without quotes), datetimes and timespans in Kusto's text forms.
func cellString(c *dataset.Column, i int) string {
	switch c.Type {
	case dataset.String, dataset.GUID:
		return c.Str[i]
	}
	if c.IsNull(i) {
		return ""
	}
	switch c.Type {
	case dataset.Real, dataset.Decimal:
		return formatReal(c.Real[i])
	case dataset.Dynamic:
		return dynString(c.Dyn[i])
	case dataset.Bool:
		if c.Int[i] != 0 {
			return "true"
		}
		return "false"
	case dataset.DateTime:
		return formatDateTime(c.Int[i])
	case dataset.TimeSpan:
		return formatTimeSpan(c.Int[i])
	default:
		return strconv.FormatInt(c.Int[i], 10)
	}
}

// formatReal renders a real as Kusto does: shortest round-trip digits, no exponent for ordinary magnitudes.
func formatReal(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	a := math.Abs(f)
	if a != 0 && (a < 1e-5 || a >= 1e15) {
		return strings.ToUpper(strconv.FormatFloat(f, 'E', -1, 64))
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// formatDateTime renders Unix ns as Kusto's ISO 8601 UTC form with seven fractional digits when needed.
func formatDateTime(ns int64) string {
	t := time.Unix(0, ns).UTC()
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.0000000Z")
}

// formatTimeSpan renders ns as Kusto's [-][d.]hh:mm:ss[.fffffff].
func formatTimeSpan(ns int64) string {
	var b strings.Builder
	if ns < 0 {
		b.WriteByte('-')
		ns = -ns
	}
	d := time.Duration(ns)
	days := int64(d / (24 * time.Hour))
	rem := d % (24 * time.Hour)
	if days > 0 {
		b.WriteString(strconv.FormatInt(days, 10))
		b.WriteByte('.')
	}
	h, m, s := int(rem/time.Hour), int(rem/time.Minute%60), int(rem/time.Second%60)
	b.WriteString(pad2(h) + ":" + pad2(m) + ":" + pad2(s))
	if frac := int64(rem % time.Second); frac != 0 {
		f := strconv.FormatInt(frac/100+1e7, 10)[1:]
		b.WriteByte('.')
		b.WriteString(f)
	}
	return b.String()
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// dynString is tostring() of a dynamic value.
func dynString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatReal(x)
	}
	return jsonText(v)
}

// anyToString is tostring() of a boxed value.
func anyToString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return formatDateTime(x.UnixNano())
	case time.Duration:
		return formatTimeSpan(int64(x))
	}
	return dynString(v)
}

// toDyn turns a boxed cell value into a JSON-shaped dynamic value.
func toDyn(v any) any {
	switch x := v.(type) {
	case time.Time:
		return formatDateTime(x.UnixNano())
	case time.Duration:
		return formatTimeSpan(int64(x))
	}
	return normDyn(v)
}

// normDyn converts Go values into the dynamic shapes the dataset stores (int64, float64, []any, map[string]any).
func normDyn(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normDyn(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normDyn(e)
		}
		return out
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

func anyToFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case time.Duration:
		return float64(int64(x) / 100), true
	case time.Time:
		return float64(unixToTicks(x.UnixNano())), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

func anyToLong(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, false
		}
		return int64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case time.Duration:
		return int64(x) / 100, true
	case time.Time:
		return unixToTicks(x.UnixNano()), true
	case string:
		s := strings.TrimSpace(x)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, true
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return int64(f), true
		}
	}
	return 0, false
}

func anyToBool(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case int64:
		return x != 0, true
	case float64:
		return x != 0, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "1":
			return true, true
		case "false", "0":
			return false, true
		}
	}
	return false, false
}

// anyToTime converts to Unix ns: datetimes, ISO-ish strings, and numbers as ns (Kusto's todatetime of a
// long is ticks; queries rarely rely on it).
func anyToTime(v any) (int64, bool) {
	switch x := v.(type) {
	case time.Time:
		return x.UnixNano(), true
	case string:
		t, ok := parseDateTime(x)
		return t, ok
	}
	return 0, false
}

func anyToSpan(v any) (int64, bool) {
	switch x := v.(type) {
	case time.Duration:
		return int64(x), true
	case int64:
		// Kusto reads a number as ticks (100 ns).
		return x * 100, true
	case float64:
		return int64(x * 100), true
	case string:
		return parseTimeSpan(x)
	}
	return 0, false
}

// unixToTicks converts Unix ns to .NET ticks (100 ns since 0001-01-01), which is what Kusto's tolong()
// and todouble() return for datetimes; timespans likewise convert to ticks.
func unixToTicks(ns int64) int64 { return floorDiv(ns, 100) + ticksToUnix }
