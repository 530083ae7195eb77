package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// rowEncoder writes a table's rows as the JSON objects of a Results array, column by column type, straight
// from the columnar storage: no per-row maps, one reused buffer.
type rowEncoder struct {
	cols  []*dataset.Column
	keys  [][]byte // `"Name":` pre-escaped per column
	rows  int
	buf   []byte
	dynBf bytes.Buffer
	dyn   *json.Encoder
}

func newRowEncoder(t *dataset.Table, rows int) *rowEncoder {
	e := &rowEncoder{cols: t.Columns, rows: rows, buf: make([]byte, 0, 64<<10)}
	for _, c := range t.Columns {
		k := appendJSONString(nil, c.Name)
		e.keys = append(e.keys, append(k, ':'))
	}
	e.dyn = json.NewEncoder(&e.dynBf)
	e.dyn.SetEscapeHTML(false)
	return e
}

// writeTo writes the rows separated by commas (no brackets) and returns the byte count.
func (e *rowEncoder) writeTo(w io.Writer) (int64, error) {
	var total int64
	flush := func() error {
		n, err := w.Write(e.buf)
		total += int64(n)
		e.buf = e.buf[:0]
		return err
	}
	for i := 0; i < e.rows; i++ {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = append(e.buf, '{')
		for j, c := range e.cols {
			if j > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = append(e.buf, e.keys[j]...)
			e.buf = e.appendCell(e.buf, c, i)
		}
		e.buf = append(e.buf, '}')
		if len(e.buf) >= 32<<10 {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	return total, flush()
}

func (e *rowEncoder) appendCell(b []byte, c *dataset.Column, i int) []byte {
	if c.IsNull(i) {
		return append(b, "null"...)
	}
	switch c.Type {
	case dataset.String, dataset.GUID:
		return appendJSONString(b, c.Str[i])
	case dataset.Long, dataset.Int:
		return strconv.AppendInt(b, c.Int[i], 10)
	case dataset.Bool:
		return strconv.AppendBool(b, c.Int[i] != 0)
	case dataset.Real, dataset.Decimal:
		return appendFloat(b, c.Real[i])
	case dataset.DateTime:
		b = append(b, '"')
		b = appendDateTime(b, c.Int[i])
		return append(b, '"')
	case dataset.TimeSpan:
		b = append(b, '"')
		b = appendTimeSpan(b, time.Duration(c.Int[i]))
		return append(b, '"')
	default:
		e.dynBf.Reset()
		if err := e.dyn.Encode(c.Dyn[i]); err != nil {
			// A value JSON cannot hold (a channel, a NaN) is a generator bug; null keeps the body valid.
			return append(b, "null"...)
		}
		return append(b, bytes.TrimRight(e.dynBf.Bytes(), "\n")...)
	}
}

// appendDateTime writes .NET's round-trip format with seven fractional digits, as the APIs do. It is
// written out by hand because it runs once per datetime cell and layout-driven formatting costs twice as
// much. Unix nanoseconds keep the year within 1677..2262, always four digits.
func appendDateTime(b []byte, unixNano int64) []byte {
	t := time.Unix(0, unixNano).UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b = append2(append2(b, int64(y/100)), int64(y%100))
	b = append(b, '-')
	b = append2(b, int64(mo))
	b = append(b, '-')
	b = append2(b, int64(d))
	b = append(b, 'T')
	b = append2(b, int64(h))
	b = append(b, ':')
	b = append2(b, int64(mi))
	b = append(b, ':')
	b = append2(b, int64(s))
	b = append(b, '.')
	frac := t.Nanosecond() / 100
	for div := 1_000_000; div > 0; div /= 10 {
		b = append(b, byte('0'+frac/div%10))
	}
	return append(b, 'Z')
}

// appendTimeSpan writes .NET's TimeSpan format [-][d.]hh:mm:ss[.fffffff].
func appendTimeSpan(b []byte, d time.Duration) []byte {
	if d < 0 {
		b = append(b, '-')
		if d == math.MinInt64 {
			d = math.MaxInt64
		} else {
			d = -d
		}
	}
	ticks := int64(d / 100) // .NET ticks are 100 ns
	days := ticks / (864e9)
	rest := ticks % 864e9
	if days > 0 {
		b = strconv.AppendInt(b, days, 10)
		b = append(b, '.')
	}
	h, m, s, f := rest/36e9, rest/6e8%60, rest/1e7%60, rest%1e7
	b = append2(b, h)
	b = append(b, ':')
	b = append2(b, m)
	b = append(b, ':')
	b = append2(b, s)
	if f > 0 {
		b = append(b, '.')
		frac := strconv.AppendInt(nil, f+1e7, 10) // leading 1 keeps the zero padding
		b = append(b, frac[1:]...)
	}
	return b
}

func append2(b []byte, v int64) []byte {
	if v < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, v, 10)
}

// appendFloat writes a JSON number, or the strings Kusto uses for values JSON has no number for.
func appendFloat(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

// appendJSONString appends s as a JSON string literal (invalid UTF-8 becomes U+FFFD, as encoding/json does).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
