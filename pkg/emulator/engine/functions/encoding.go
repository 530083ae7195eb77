package functions

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// decodeBase64 accepts padded and unpadded, standard and URL alphabets, as Kusto does.
func decodeBase64(s string) ([]byte, bool) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}

func registerEncoding(r *Registry) {
	r.addScalar(mapStr("base64_encode_tostring", func(s string) string {
		return base64.StdEncoding.EncodeToString([]byte(s))
	}), "base64_encodestring")
	r.addScalar(mapStr("base64_decode_tostring", func(s string) string {
		b, ok := decodeBase64(s)
		if !ok || !utf8.Valid(b) {
			return ""
		}
		return string(b)
	}), "base64_decodestring")
	strToDyn(r, "base64_decode_toarray", func(s string) any {
		b, ok := decodeBase64(s)
		if !ok {
			return nil
		}
		out := make([]any, len(b))
		for i, c := range b {
			out[i] = int64(c)
		}
		return out
	})
	r.addScalar(&Scalar{
		Name: "base64_encode_fromarray", MinArgs: 1, MaxArgs: 1, Result: fixed("base64_encode_fromarray", dataset.String, kArray),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				arr, _ := arrayCell(args[0], i)
				b := make([]byte, 0, len(arr))
				for _, v := range arr {
					x, _ := anyToLong(v)
					b = append(b, byte(x))
				}
				out.Str[i] = base64.StdEncoding.EncodeToString(b)
			}
			return out, nil
		},
	})
	hashFn := func(name string, f func([]byte) []byte) {
		r.addScalar(&Scalar{
			Name: name, MinArgs: 1, MaxArgs: 1, Result: fixed(name, dataset.String, kAny),
			Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
				out := newOut(dataset.String, n)
				for i := 0; i < n; i++ {
					if !isNullCell(args[0], i) {
						out.Str[i] = hex.EncodeToString(f([]byte(strCell(args[0], i))))
					}
				}
				return out, nil
			},
		})
	}
	hashFn("hash_sha256", func(b []byte) []byte { s := sha256.Sum256(b); return s[:] })
	hashFn("hash_sha1", func(b []byte) []byte { s := sha1.Sum(b); return s[:] })
	hashFn("hash_md5", func(b []byte) []byte { s := md5.Sum(b); return s[:] })
	// hash() is XXH64 of the value's text: exactly Kusto's result for strings; other types hash their
	// tostring() text, which is stable but not Kusto's binary form.
	r.addScalar(&Scalar{
		Name: "hash", MinArgs: 1, MaxArgs: 2, Result: fixed("hash", dataset.Long, kAny, kInt),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Long, n)
			for i := 0; i < n; i++ {
				if isNullCell(args[0], i) {
					out.SetNull(i)
					continue
				}
				h := xxHash64([]byte(strCell(args[0], i)))
				if len(args) > 1 {
					m, ok := longOf(args[1], i)
					if !ok || m <= 0 {
						out.SetNull(i)
						continue
					}
					out.Int[i] = int64(h % uint64(m))
					continue
				}
				out.Int[i] = int64(h)
			}
			return out, nil
		},
	}, "hash_xxhash64")
	r.addScalar(&Scalar{
		Name: "tohex", MinArgs: 1, MaxArgs: 2, Result: fixed("tohex", dataset.String, kInt, kInt),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				v, ok := longOf(args[0], i)
				if !ok {
					continue
				}
				s := strconv.FormatUint(uint64(v), 16)
				if v >= 0 {
					s = strconv.FormatInt(v, 16)
				}
				if len(args) > 1 {
					// The width is capped: a hex string of a long never needs more than 16 digits.
					if w, ok := longOf(args[1], i); ok && w > int64(len(s)) && w <= 64 {
						s = strings.Repeat("0", int(w)-len(s)) + s
					}
				}
				out.Str[i] = s
			}
			return out, nil
		},
	})
	r.addScalar(&Scalar{
		Name: "make_string", MinArgs: 1, MaxArgs: 64, Result: fixed("make_string", dataset.String, kAny),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.String, n)
			for i := 0; i < n; i++ {
				var b strings.Builder
				for _, a := range args {
					if arr, ok := arrayCell(a, i); ok && a.Type == dataset.Dynamic {
						for _, v := range arr {
							if c, ok := anyToLong(v); ok {
								b.WriteRune(rune(c))
							}
						}
						continue
					}
					if c, ok := longOf(a, i); ok {
						b.WriteRune(rune(c))
					}
				}
				out.Str[i] = b.String()
			}
			return out, nil
		},
	})
}
