package hunting

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/auth"
)

// The token the fake source hands out; no error message may ever contain it.
const secretToken = "eyJ0eXAi.SECRET-TOKEN.sig"

// captured is one request as the server saw it.
type captured struct {
	method, path, contentType, authorization string
	body                                     []byte
}

// kit is an httptest.Server answering the flavor's path under a prefix (so a client that drops the base
// URL's path, or talks to the wrong host, fails loudly) and a Client pointed at it.
type kit struct {
	srv    *httptest.Server
	client *Client
	mu     sync.Mutex
	reqs   []captured
	scopes []string
}

func (k *kit) last(t *testing.T) captured {
	t.Helper()
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.reqs) == 0 {
		t.Fatal("the server received no request")
	}
	return k.reqs[len(k.reqs)-1]
}

// setup starts the server with handler for the flavor's path; cfg may adjust the Config.
func setup(t *testing.T, flavor Flavor, handler http.HandlerFunc, cfg func(*Config)) *kit {
	t.Helper()
	k := &kit{}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request to unexpected path %s %s", r.Method, r.URL.Path)
		http.Error(w, "wrong path", http.StatusTeapot)
	})
	mux.HandleFunc("/prefix"+apiPath(flavor), func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		k.mu.Lock()
		k.reqs = append(k.reqs, captured{r.Method, r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), b})
		k.mu.Unlock()
		handler(w, r)
	})
	k.srv = httptest.NewServer(mux)
	t.Cleanup(k.srv.Close)
	c := Config{
		Flavor:     flavor,
		APIBaseURL: k.srv.URL + "/prefix/",
		HTTPClient: k.srv.Client(),
		Tokens: auth.TokenSourceFunc(func(ctx context.Context, scope string) (auth.Token, error) {
			k.mu.Lock()
			k.scopes = append(k.scopes, scope)
			k.mu.Unlock()
			return auth.Token{Value: secretToken, ExpiresOn: time.Now().Add(time.Hour)}, nil
		}),
	}
	if cfg != nil {
		cfg(&c)
	}
	client, err := NewClient(c)
	if err != nil {
		t.Fatal(err)
	}
	k.client = client
	return k
}

func serveFile(t *testing.T, name string, status int) http.HandlerFunc {
	b, err := os.ReadFile(filepath.Join(fixturesDir, name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(b)
	}
}

func TestClientRequest(t *testing.T) {
	from := time.Date(2024, 1, 1, 1, 0, 0, 0, time.FixedZone("CET", 3600))
	to := time.Date(2024, 1, 2, 0, 0, 0, 500_000_000, time.UTC)
	query := "DeviceProcessEvents\n| where FileName == \"a<b>&c\" and FolderPath has @'C:\\Temp'"
	tests := []struct {
		name      string
		flavor    Flavor
		req       Request
		scope     string
		wantPath  string
		wantBody  string
		wantScope string
	}{
		{"graph with time range", FlavorGraph, Request{Query: query, From: from, To: to}, "", "/prefix/v1.0/security/runHuntingQuery",
			`{"Query":"DeviceProcessEvents\n| where FileName == \"a<b>&c\" and FolderPath has @'C:\\Temp'","Timespan":"2024-01-01T00:00:00Z/2024-01-02T00:00:00.5Z"}`,
			"https://graph.microsoft.com/.default"},
		{"graph without range", FlavorGraph, Request{Query: "T"}, "", "/prefix/v1.0/security/runHuntingQuery", `{"Query":"T"}`, "https://graph.microsoft.com/.default"},
		{"graph with only From sends no Timespan", FlavorGraph, Request{Query: "T", From: from}, "", "/prefix/v1.0/security/runHuntingQuery", `{"Query":"T"}`, "https://graph.microsoft.com/.default"},
		{"xdr never sends Timespan", FlavorXDR, Request{Query: "T", From: from, To: to}, "", "/prefix/api/advancedhunting/run", `{"Query":"T"}`, "https://api.security.microsoft.com/.default"},
		{"mde with a configured scope", FlavorMDE, Request{Query: "T"}, "https://api-gov.securitycenter.microsoft.us/.default", "/prefix/api/advancedqueries/run", `{"Query":"T"}`, "https://api-gov.securitycenter.microsoft.us/.default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := setup(t, tt.flavor, serveFile(t, "mde_advancedqueries-run_defender-docs_response.json", 200), func(c *Config) { c.Scope = tt.scope })
			res, err := k.client.Run(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Frame.Rows() != 2 || len(res.Frame.Fields) != 4 {
				t.Errorf("frame %d x %d, want 2 x 4", res.Frame.Rows(), len(res.Frame.Fields))
			}
			got := k.last(t)
			eq(t, got.method, http.MethodPost)
			eq(t, got.path, tt.wantPath)
			eq(t, got.contentType, "application/json; charset=utf-8")
			eq(t, got.authorization, "Bearer "+secretToken)
			eq(t, string(got.body), tt.wantBody)
			eq(t, strings.Join(k.scopes, ","), tt.wantScope)
		})
	}
}

// TestClientRequestFixtures: for each published request body, the client sends the same query under the
// documented "Query" key; for the Graph Timespan example it sends a Timespan (as start/end, since the
// plugin always has a concrete range).
func TestClientRequestFixtures(t *testing.T) {
	for _, f := range fixtures(t, "_request.json") {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var published map[string]any
			if err := json.Unmarshal(raw, &published); err != nil {
				t.Fatal(err)
			}
			var query string
			var hasTimespan bool
			for k, v := range published {
				switch strings.ToLower(k) {
				case "query":
					query, _ = v.(string)
				case "timespan":
					hasTimespan = true
				}
			}
			flavor := FlavorGraph
			switch {
			case strings.HasPrefix(name, "m365d_"):
				flavor = FlavorXDR
			case strings.HasPrefix(name, "mde_"):
				flavor = FlavorMDE
			}
			req := Request{Query: query}
			if hasTimespan {
				req.From, req.To = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
			}
			k := setup(t, flavor, serveFile(t, "graph-v1_runhuntingquery_example1_response.json", 200), nil)
			if _, err := k.client.Run(context.Background(), req); err != nil {
				t.Fatal(err)
			}
			var sent map[string]any
			if err := json.Unmarshal(k.last(t).body, &sent); err != nil {
				t.Fatalf("sent body is not JSON: %v", err)
			}
			eq(t, sent["Query"], any(query))
			if hasTimespan {
				eq(t, sent["Timespan"], any("2024-01-01T00:00:00Z/2024-03-31T00:00:00Z"))
			} else if _, ok := sent["Timespan"]; ok {
				t.Errorf("sent a Timespan the published request does not have: %s", k.last(t).body)
			}
		})
	}
}

func TestClientErrorAnswers(t *testing.T) {
	tests := []struct {
		name    string
		flavor  Flavor
		handler http.HandlerFunc
		check   func(t *testing.T, err error)
	}{
		{"400 KQL error keeps the query", FlavorGraph, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			_, _ = io.WriteString(w, `{"error":{"code":"BadRequest","message":"Query could not be parsed at 'wher' on line [1,6]","innerError":{"request-id":"rid-1"}}}`)
		}, func(t *testing.T, err error) {
			e := as[*APIError](t, err)
			eq(t, e.Message, "Query could not be parsed at 'wher' on line [1,6]")
			eq(t, e.Query, "T | wher x")
			eq(t, e.RequestID, "rid-1")
		}},
		{"401", FlavorXDR, serveFile(t, "error_mde_common-errors_invalidrequestbody.json", 401), func(t *testing.T, err error) {
			e := as[*AuthError](t, err)
			eq(t, e.Permission, "AdvancedHunting.Read.All")
		}},
		{"429 with Retry-After", FlavorMDE, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "17")
			serveFile(t, "error_mde_429_issue4616_per-minute.json", 429)(w, r)
		}, func(t *testing.T, err error) {
			e := as[*QuotaError](t, err)
			eq(t, e.RetryAfter, 17*time.Second)
			eq(t, e.Limit, 45)
		}},
		{"504", FlavorGraph, serveFile(t, "error_graph_504_issue19954_unknownerror.json", 504), func(t *testing.T, err error) {
			eq(t, as[*ServerError](t, err).Status, 504)
		}},
		{"a proxy echoing the request never leaks the token", FlavorGraph, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(502)
			_, _ = io.WriteString(w, "upstream failed for request with Authorization: "+r.Header.Get("Authorization"))
		}, func(t *testing.T, err error) {
			contains(t, as[*ServerError](t, err).Error(), "Authorization: Bearer [redacted]")
		}},
		{"200 with an HTML page", FlavorGraph, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html>Sign in to continue</html>")
		}, func(t *testing.T, err error) {
			e := as[*DecodeError](t, err)
			contains(t, e.Error(), "HTML")
		}},
		{"connection drops mid-body", FlavorXDR, func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, `{"Schema":[{"Name":"A","Type":"String"}],"Results":[{"A":"x"},`)
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler) // the server resets the connection
		}, func(t *testing.T, err error) {
			e := as[*ServerError](t, err)
			eq(t, e.Status, 0)
			contains(t, err.Error(), "reading the response")
		}},
		{"200 truncated", FlavorGraph, func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, `{"schema":[{"name":"A","type":"String"}],"results":[{"A":"x"`)
		}, func(t *testing.T, err error) {
			contains(t, as[*DecodeError](t, err).Error(), "truncated")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := setup(t, tt.flavor, tt.handler, nil)
			_, err := k.client.Run(context.Background(), Request{Query: "T | wher x"})
			if err == nil {
				t.Fatal("no error")
			}
			tt.check(t, err)
			if strings.Contains(err.Error(), "SECRET-TOKEN") {
				t.Errorf("error leaks the token: %v", err)
			}
		})
	}
}

func TestClientOversizedBody(t *testing.T) {
	k := setup(t, FlavorGraph, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"schema":[{"name":"A","type":"String"}],"results":[`)
		for i := range 2000 {
			if i > 0 {
				_, _ = io.WriteString(w, ",")
			}
			_, _ = io.WriteString(w, `{"A":"0123456789012345678901234567890123456789"}`)
		}
		_, _ = io.WriteString(w, `]}`)
	}, func(c *Config) { c.MaxResponseBytes = 10_000 })
	_, err := k.client.Run(context.Background(), Request{Query: "T"})
	contains(t, as[*DecodeError](t, err).Error(), "larger than 10000 bytes")
}

func TestClientTimeouts(t *testing.T) {
	// hang answers nothing until the client goes away.
	hang := func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	// stall sends the headers and half a body, then nothing.
	stall := func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"schema":[{"name":"A","type":"String"}],"results":[`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}
	tests := []struct {
		name      string
		handler   http.HandlerFunc
		timeout   time.Duration // Config.Timeout
		ctx       func() (context.Context, context.CancelFunc)
		wantLimit string
		wantErr   error
	}{
		{"client timeout before headers", hang, 100 * time.Millisecond, func() (context.Context, context.CancelFunc) {
			return context.WithCancel(context.Background())
		}, TimeoutClient, nil},
		{"client timeout while reading the body", stall, 100 * time.Millisecond, func() (context.Context, context.CancelFunc) {
			return context.WithCancel(context.Background())
		}, TimeoutClient, nil},
		{"caller deadline", hang, time.Minute, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 100*time.Millisecond)
		}, TimeoutCaller, nil},
		{"caller cancels", hang, time.Minute, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			return ctx, cancel
		}, "", context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := setup(t, FlavorGraph, tt.handler, func(c *Config) { c.Timeout = tt.timeout })
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err := k.client.Run(ctx, Request{Query: "T"})
			if time.Since(start) > 10*time.Second {
				t.Errorf("Run took %s", time.Since(start))
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			e := as[*TimeoutError](t, err)
			eq(t, e.Limit, tt.wantLimit)
			contains(t, err.Error(), tt.wantLimit)
			if !IsDownstream(err) {
				t.Error("a timeout must be downstream")
			}
		})
	}
}

func TestClientNetworkError(t *testing.T) {
	k := setup(t, FlavorMDE, func(w http.ResponseWriter, r *http.Request) {}, nil)
	k.srv.Close()
	_, err := k.client.Run(context.Background(), Request{Query: "T"})
	e := as[*ServerError](t, err)
	eq(t, e.Status, 0)
	contains(t, err.Error(), "unreachable")
	if !IsDownstream(err) {
		t.Error("a network error must be downstream")
	}
}

func TestClientTokenError(t *testing.T) {
	k := setup(t, FlavorGraph, func(w http.ResponseWriter, r *http.Request) {
		t.Error("no request may be sent without a token")
	}, func(c *Config) {
		c.Tokens = auth.TokenSourceFunc(func(context.Context, string) (auth.Token, error) {
			return auth.Token{}, errors.New("AADSTS7000215: Invalid client secret provided")
		})
	})
	_, err := k.client.Run(context.Background(), Request{Query: "T"})
	contains(t, err.Error(), "get a token for https://graph.microsoft.com/.default", "AADSTS7000215")
}

func TestNewClientValidation(t *testing.T) {
	tokens := auth.TokenSourceFunc(func(context.Context, string) (auth.Token, error) { return auth.Token{}, nil })
	tests := []struct {
		name    string
		in      Config
		wantURL string
		wantErr string
	}{
		{"defaults to the global graph host", Config{HTTPClient: http.DefaultClient, Tokens: tokens}, "https://graph.microsoft.com/v1.0/security/runHuntingQuery", ""},
		{"custom base keeps the flavor path", Config{Flavor: FlavorMDE, APIBaseURL: "https://127.0.0.1:8443", HTTPClient: http.DefaultClient, Tokens: tokens}, "https://127.0.0.1:8443/api/advancedqueries/run", ""},
		{"unknown flavor", Config{Flavor: "x", HTTPClient: http.DefaultClient, Tokens: tokens}, "", "unknown API flavor"},
		{"no http client", Config{Tokens: tokens}, "", "HTTPClient is nil"},
		{"no tokens", Config{HTTPClient: http.DefaultClient}, "", "Tokens is nil"},
		{"relative URL", Config{APIBaseURL: "graph.microsoft.com", HTTPClient: http.DefaultClient, Tokens: tokens}, "", "not an absolute http(s) URL"},
		{"URL with query", Config{APIBaseURL: "https://x.example/?a=1", HTTPClient: http.DefaultClient, Tokens: tokens}, "", "without query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if IsDownstream(err) {
					t.Error("a configuration error is not downstream")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			eq(t, c.URL(), tt.wantURL)
		})
	}
	eq(t, DefaultTimeout(FlavorMDE), 215*time.Second)
	eq(t, DefaultTimeout(FlavorGraph), 195*time.Second)
	eq(t, DefaultTimeout(FlavorXDR), 195*time.Second)
}

func TestClientRejectsBadRequests(t *testing.T) {
	k := setup(t, FlavorGraph, func(w http.ResponseWriter, r *http.Request) { t.Error("nothing may be sent") }, nil)
	tests := []struct {
		name    string
		req     Request
		wantErr string
	}{
		{"blank query", Request{Query: "  \n"}, "the query is empty"},
		{"range ends before it starts", Request{Query: "T", From: time.Unix(100, 0), To: time.Unix(50, 0)}, "ends (1970-01-01T00:00:50Z) before it starts (1970-01-01T00:01:40Z)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := k.client.Run(context.Background(), tt.req)
			if err == nil {
				t.Fatalf("Run(%+v) = %+v, want an error", tt.req, res)
			}
			contains(t, err.Error(), tt.wantErr)
		})
	}
}
