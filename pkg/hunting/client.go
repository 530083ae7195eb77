package hunting

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/auth"
)

// Server-side per-request limits (DESIGN.md section 4) and the margin the client adds so that the API's
// own timeout error, when it has one, arrives before the client gives up.
const (
	serverLimitMDE   = 200 * time.Second
	serverLimitOther = 3 * time.Minute
	timeoutMargin    = 15 * time.Second
)

// DefaultMaxResponseBytes bounds a success body. The APIs cap results at 50 MB (124 MB in older
// versions); anything far beyond is not a hunting answer.
const DefaultMaxResponseBytes = 256 << 20

// Config configures a Client. Flavor, HTTPClient and Tokens are required.
type Config struct {
	Flavor Flavor
	// APIBaseURL is the scheme and host (optionally a path prefix) the flavor's path is appended to; empty
	// means the flavor's global host. The settings code enforces the allow-list (KnownHosts) before this.
	APIBaseURL string
	// Scope is the token scope; empty means the flavor's global-cloud scope (see ResolveEndpoint).
	Scope      string
	HTTPClient *http.Client
	Tokens     auth.TokenSource
	// Timeout is the per-request timeout; zero means the server's limit plus a margin (200 s for MDE,
	// 3 min for XDR and Graph, plus 15 s).
	Timeout time.Duration
	// MaxResponseBytes bounds a success body; zero means DefaultMaxResponseBytes.
	MaxResponseBytes int64
}

// Client runs hunting queries against one flavor's API. It is safe for concurrent use.
type Client struct {
	flavor   Flavor
	url      string
	scope    string
	http     *http.Client
	tokens   auth.TokenSource
	timeout  time.Duration
	maxBytes int64
}

var _ Runner = (*Client)(nil)

// NewClient validates cfg and returns a Client.
func NewClient(cfg Config) (*Client, error) {
	flavor, err := ParseFlavor(string(cfg.Flavor))
	if err != nil {
		return nil, err
	}
	if cfg.HTTPClient == nil {
		return nil, errors.New("hunting: Config.HTTPClient is nil: pass the data source's HTTP client")
	}
	if cfg.Tokens == nil {
		return nil, errors.New("hunting: Config.Tokens is nil: pass a token source")
	}
	def, _ := ResolveEndpoint(flavor, CloudGlobal, "")
	base := strings.TrimSpace(cfg.APIBaseURL)
	if base == "" {
		base = def.APIBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("hunting: API base URL %q is not an absolute http(s) URL without query: use e.g. %s", base, def.APIBaseURL)
	}
	c := &Client{
		flavor:   flavor,
		url:      strings.TrimRight(base, "/") + apiPath(flavor),
		scope:    cfg.Scope,
		http:     cfg.HTTPClient,
		tokens:   cfg.Tokens,
		timeout:  cfg.Timeout,
		maxBytes: cfg.MaxResponseBytes,
	}
	if c.scope == "" {
		c.scope = def.Scope
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout(flavor)
	}
	if c.maxBytes <= 0 {
		c.maxBytes = DefaultMaxResponseBytes
	}
	return c, nil
}

// DefaultTimeout is the flavor's server-side per-request limit plus a margin.
func DefaultTimeout(flavor Flavor) time.Duration {
	if flavor == FlavorMDE {
		return serverLimitMDE + timeoutMargin
	}
	return serverLimitOther + timeoutMargin
}

// Flavor returns the API flavor the client talks to.
func (c *Client) Flavor() Flavor { return c.flavor }

// URL returns the full request URL (base URL + the flavor's path).
func (c *Client) URL() string { return c.url }

// errClientTimeout is the cancellation cause when the client's own per-request timeout fires.
var errClientTimeout = errors.New("hunting client per-request timeout")

// Run runs req.Query and decodes the answer into a typed frame. It implements, per flavor:
//   - graph: POST /v1.0/security/runHuntingQuery,
//     https://learn.microsoft.com/en-us/graph/api/security-security-runhuntingquery?view=graph-rest-1.0
//   - xdr: POST /api/advancedhunting/run,
//     https://learn.microsoft.com/en-us/defender-xdr/api-advanced-hunting
//   - mde: POST /api/advancedqueries/run,
//     https://learn.microsoft.com/en-us/defender-endpoint/api/run-advanced-query-api
//
// Errors follow https://learn.microsoft.com/en-us/defender-endpoint/api/common-errors and
// https://learn.microsoft.com/en-us/graph/errors; see IsDownstream for their classification.
func (c *Client) Run(ctx context.Context, req Request) (*Result, error) {
	body, err := c.requestBody(req)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, c.timeout, errClientTimeout)
	defer cancel()

	tok, err := c.tokens.Token(ctx, c.scope)
	if err != nil {
		if tErr := c.timeoutError(ctx, err); tErr != nil {
			return nil, tErr
		}
		return nil, fmt.Errorf("hunting: get a token for %s: %w", c.scope, err)
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("hunting: build request: %w", err)
	}
	httpReq.Header.Set("Content-Type", "application/json; charset=utf-8")
	httpReq.Header.Set("Accept", "application/json")
	httpReq.Header.Set("Authorization", "Bearer "+tok.Value)

	resp, err := c.http.Do(httpReq)
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	defer func() {
		// Drain a little so the connection can be reused; never a whole hostile body.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		_ = resp.Body.Close()
	}()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, errorFromResponse(c.flavor, c.scope, req.Query, tok.Value, resp.StatusCode, resp.Header, resp.Body)
	}
	res, err := Decode(&limitedReader{r: resp.Body, left: c.maxBytes})
	if err != nil {
		return nil, c.bodyError(ctx, err)
	}
	return res, nil
}

// bodyError classifies a failure while reading a 2xx body: a time limit, the size bound, a malformed
// body (*DecodeError as is), or the connection failing mid-body.
func (c *Client) bodyError(ctx context.Context, err error) error {
	if tErr := c.timeoutError(ctx, err); tErr != nil {
		return tErr
	}
	var lim *limitError
	if errors.As(err, &lim) {
		return &DecodeError{Row: -1, Offset: c.maxBytes, Msg: fmt.Sprintf("response is larger than %d bytes: reduce the result with project, summarize or take", c.maxBytes)}
	}
	var de *DecodeError
	if errors.As(err, &de) {
		return err
	}
	return &ServerError{Flavor: c.flavor, Status: 0, Err: fmt.Errorf("reading the response: %w", err)}
}

// requestBody JSON-encodes the body. The encoder escapes newlines and quotes in the KQL, which the APIs
// require (they reject raw control characters in the body).
func (c *Client) requestBody(req Request) ([]byte, error) {
	if strings.TrimSpace(req.Query) == "" {
		return nil, errors.New("hunting: the query is empty: write a KQL query")
	}
	body := struct {
		Query    string `json:"Query"`
		Timespan string `json:"Timespan,omitempty"`
	}{Query: req.Query}
	if c.flavor == FlavorGraph && !req.From.IsZero() && !req.To.IsZero() {
		if req.To.Before(req.From) {
			return nil, fmt.Errorf("hunting: time range ends (%s) before it starts (%s)", req.To.UTC().Format(time.RFC3339), req.From.UTC().Format(time.RFC3339))
		}
		body.Timespan = req.From.UTC().Format(time.RFC3339Nano) + "/" + req.To.UTC().Format(time.RFC3339Nano)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		return nil, fmt.Errorf("hunting: encode request body: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// transportError classifies an error from http.Client.Do.
func (c *Client) transportError(ctx context.Context, err error) error {
	if tErr := c.timeoutError(ctx, err); tErr != nil {
		return tErr
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("hunting: query cancelled: %w", context.Canceled)
	}
	return &ServerError{Flavor: c.flavor, Err: err}
}

// timeoutError returns a *TimeoutError if err (or ctx) says a time limit hit, nil otherwise.
func (c *Client) timeoutError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		switch cause := context.Cause(ctx); {
		case errors.Is(cause, errClientTimeout):
			return &TimeoutError{Flavor: c.flavor, Limit: TimeoutClient, Timeout: c.timeout, Err: context.DeadlineExceeded}
		case errors.Is(cause, context.DeadlineExceeded):
			return &TimeoutError{Flavor: c.flavor, Limit: TimeoutCaller, Err: context.DeadlineExceeded}
		case errors.Is(cause, context.Canceled):
			return fmt.Errorf("hunting: query cancelled: %w", context.Canceled)
		}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &TimeoutError{Flavor: c.flavor, Limit: TimeoutHTTP, Timeout: c.http.Timeout, Err: err}
	}
	return nil
}

// limitError is returned by limitedReader once the body exceeds its bound.
type limitError struct{ n int64 }

func (e *limitError) Error() string { return fmt.Sprintf("body exceeds %d bytes", e.n) }

// limitedReader is io.LimitReader that fails instead of pretending the body ended, so an oversized body
// is an error rather than a confusing "unexpected end of JSON".
type limitedReader struct {
	r    io.Reader
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// At the bound: only fail if the body really goes on.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			return 0, &limitError{}
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}
