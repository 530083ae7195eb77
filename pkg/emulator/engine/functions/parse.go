package functions

import (
	"encoding/csv"
	"encoding/xml"
	"io"
	"net/url"
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// strToDyn registers a function from one string to a dynamic value.
func strToDyn(r *Registry, name string, f func(string) any) {
	r.addScalar(&Scalar{
		Name: name, MinArgs: 1, MaxArgs: 1, Result: fixed(name, dataset.Dynamic, kString),
		Eval: func(_ *Context, args []*dataset.Column, n int) (*dataset.Column, error) {
			out := newOut(dataset.Dynamic, n)
			for i := 0; i < n; i++ {
				out.Dyn[i] = f(strCell(args[0], i))
			}
			return out, nil
		},
	})
}

func registerParsers(r *Registry) {
	strToDyn(r, "parse_url", parseURL)
	strToDyn(r, "parse_urlquery", func(s string) any {
		return map[string]any{"Query Parameters": queryParams(strings.TrimPrefix(s, "?"))}
	})
	strToDyn(r, "parse_path", parsePath)
	strToDyn(r, "parse_csv", parseCSV)
	strToDyn(r, "parse_xml", parseXML)
	r.addScalar(mapStr("url_decode", func(s string) string {
		if d, err := url.QueryUnescape(s); err == nil {
			return d
		}
		return ""
	}))
	r.addScalar(mapStr("url_encode", url.QueryEscape, "url_encode_component"))
}

// parseURL splits a URL into Kusto's parse_url() bag; an unparseable URL gives an empty bag.
func parseURL(s string) any {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return map[string]any{}
	}
	pass, _ := u.User.Password()
	return map[string]any{
		"Scheme": u.Scheme, "Host": u.Hostname(), "Port": u.Port(), "Path": u.EscapedPath(),
		"Username": u.User.Username(), "Password": pass, "Query Parameters": queryParams(u.RawQuery),
		"Fragment": u.Fragment,
	}
}

func queryParams(raw string) map[string]any {
	out := map[string]any{}
	vals, _ := url.ParseQuery(raw)
	for k, v := range vals {
		if len(v) > 0 {
			out[k] = v[len(v)-1]
		}
	}
	return out
}

// parsePath splits a Windows or POSIX file path into Kusto's parse_path() bag.
func parsePath(s string) any {
	out := map[string]any{"Scheme": "", "RootPath": "", "DirectoryPath": "", "DirectoryName": "",
		"Filename": "", "Extension": "", "AlternateDataStreamName": ""}
	p := s
	if i := strings.Index(p, "://"); i > 0 {
		out["Scheme"] = p[:i]
		p = p[i+3:]
	}
	sep := strings.LastIndexAny(p, `\/`)
	dir, file := "", p
	if sep >= 0 {
		dir, file = p[:sep], p[sep+1:]
	}
	if k := strings.IndexByte(file, ':'); k >= 0 {
		out["AlternateDataStreamName"] = file[k+1:]
		file = file[:k]
	}
	switch {
	case len(p) >= 2 && p[1] == ':':
		out["RootPath"] = p[:2]
	case strings.HasPrefix(p, `\\`):
		rest := strings.SplitN(p[2:], `\`, 2)
		out["RootPath"] = `\\` + rest[0]
	case strings.HasPrefix(p, "/"):
		out["RootPath"] = "/"
	}
	out["DirectoryPath"] = dir
	if d := strings.LastIndexAny(dir, `\/`); d >= 0 {
		out["DirectoryName"] = dir[d+1:]
	} else {
		out["DirectoryName"] = dir
	}
	out["Filename"] = file
	if dot := strings.LastIndexByte(file, '.'); dot >= 0 {
		out["Extension"] = file[dot+1:]
	}
	return out
}

// parseCSV reads the first CSV record of s as an array of strings.
func parseCSV(s string) any {
	rd := csv.NewReader(strings.NewReader(s))
	rd.FieldsPerRecord = -1
	rd.LazyQuotes = true
	rec, err := rd.Read()
	if err != nil {
		return []any{}
	}
	out := make([]any, len(rec))
	for i, f := range rec {
		out[i] = f
	}
	return out
}

// parseXML converts XML to a bag the way Kusto does in its basic form: an element is a bag of its
// attributes ("@name"), child elements (arrays when repeated) and text ("#text"); an element with only
// text is that text. Invalid XML gives null.
func parseXML(s string) any {
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		if start, ok := tok.(xml.StartElement); ok {
			v, err := xmlElement(dec, start)
			if err != nil {
				return nil
			}
			return map[string]any{start.Name.Local: v}
		}
	}
}

func xmlElement(dec *xml.Decoder, start xml.StartElement) (any, error) {
	bag := map[string]any{}
	for _, a := range start.Attr {
		bag["@"+a.Name.Local] = a.Value
	}
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil, err
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			child, err := xmlElement(dec, t)
			if err != nil {
				return nil, err
			}
			name := t.Name.Local
			switch prev := bag[name].(type) {
			case nil:
				bag[name] = child
			case []any:
				bag[name] = append(prev, child)
			default:
				bag[name] = []any{prev, child}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			txt := strings.TrimSpace(text.String())
			if len(bag) == 0 {
				return txt, nil
			}
			if txt != "" {
				bag["#text"] = txt
			}
			return bag, nil
		}
	}
}
