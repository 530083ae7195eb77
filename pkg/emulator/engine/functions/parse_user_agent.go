package functions

import (
	"strings"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// registerUserAgent adds parse_user_agent.
func registerUserAgent(r *Registry) {
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
