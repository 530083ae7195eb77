package emulatortest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// Emulator is a running in-process emulator.
type Emulator struct {
	// URL is the base URL, e.g. https://127.0.0.1:41234. Every API, the authority of each tenant
	// (URL + "/" + tenant id) and the admin routes live under it.
	URL string
	// CACertPEM is the CA that signed the server certificate (what a user puts in tlsCACert).
	CACertPEM []byte
	// Server is the emulator itself, for Stats, Reset and AddFaults without HTTP.
	Server *emulator.Server
	// IdentityEndpoint and IdentityHeader are the values of IDENTITY_ENDPOINT and IDENTITY_HEADER that
	// point MSAL's managed identity client (App Service source) at the emulator.
	IdentityEndpoint, IdentityHeader string

	ca     *emulator.CA
	srv    *httptest.Server
	client *http.Client
}

// Option changes the emulator's configuration.
type Option func(*emulator.Config)

// WithEngine serves queries from e instead of the default engine.
func WithEngine(e dataset.Engine) Option { return func(c *emulator.Config) { c.Engine = e } }

// WithLimits applies a limits profile ("2026", "2018" or "off"); it panics on any other name, which is a
// mistake in the calling test.
func WithLimits(profile string) Option {
	l, err := emulator.LimitsFor(profile)
	if err != nil {
		panic(err)
	}
	return func(c *emulator.Config) { c.Limits = l }
}

// WithCustomLimits applies limits field by field (set Profile to a name for stats and healthz).
func WithCustomLimits(l emulator.Limits) Option { return func(c *emulator.Config) { c.Limits = l } }

// WithClock meters quotas, timeouts and delays with clock (see FakeClock).
func WithClock(clock emulator.Clock) Option { return func(c *emulator.Config) { c.Clock = clock } }

// WithDirectory replaces the demo directory.
func WithDirectory(d *emulator.Directory) Option { return func(c *emulator.Config) { c.Directory = d } }

// WithConfig edits the whole configuration (CPU scale, fault seed, days, logger...).
func WithConfig(f func(*emulator.Config)) Option { return Option(f) }

// Start runs an emulator on a loopback HTTPS port until the test ends. Without WithEngine it serves
// TableEngine over SmallCatalog(now): six known DeviceProcessEvents rows. (The real KQL engine over
// synthetic telemetry is what the hunting-emulator binary serves; see the Emulator section of README.md.)
func Start(t testing.TB, opts ...Option) *Emulator {
	t.Helper()
	cfg := emulator.Config{}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.Engine == nil {
		now := time.Now()
		if cfg.Clock != nil {
			now = cfg.Clock.Now()
		}
		cfg.Engine = TableEngine{Catalog: SmallCatalog(now)}
	}
	if cfg.SigningKey == nil {
		key, err := testSigningKey()
		if err != nil {
			t.Fatal(err)
		}
		cfg.SigningKey = key
	}
	s, err := emulator.New(cfg)
	if err != nil {
		t.Fatalf("emulatortest: %v", err)
	}
	ca, err := emulator.NewCA()
	if err != nil {
		t.Fatalf("emulatortest: %v", err)
	}
	srv := httptest.NewUnstartedServer(s)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Server}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	e := &Emulator{
		URL: srv.URL, CACertPEM: ca.CertPEM, Server: s,
		IdentityEndpoint: srv.URL + "/msi/token", IdentityHeader: emulator.DemoIdentityHeader,
		ca: ca, srv: srv, client: NewClient(ca.CertPEM),
	}
	t.Cleanup(func() {
		e.client.CloseIdleConnections()
		srv.Close()
	})
	return e
}

// Client returns the HTTP client that trusts the emulator's CA; it is shared (connections are reused).
func (e *Emulator) Client() *http.Client { return e.client }

// NewClient returns a new HTTP client, with its own connections, that trusts the CA in caPEM (an
// emulator's CACertPEM or the file hunting-emulator wrote to -ca-out).
func NewClient(caPEM []byte) *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig:     &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
			MaxIdleConnsPerHost: 64,
		},
	}
}

// Authority returns the sign-in authority of tenant ("" means the demo tenant) for MSAL:
// confidential.New(e.Authority(""), clientID, cred, confidential.WithInstanceDiscovery(false),
// confidential.WithHTTPClient(e.Client())).
func (e *Emulator) Authority(tenant string) string {
	if tenant == "" {
		tenant = emulator.DemoTenantID
	}
	return e.URL + "/" + tenant
}

// AppToken signs in as the demo app clientID with the demo secret (client credentials, no MSAL) and
// returns an access token for scope, e.g. "https://graph.microsoft.com/.default".
func (e *Emulator) AppToken(t testing.TB, clientID, scope string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID},
		"client_secret": {emulator.DemoSecret}, "scope": {scope}}
	return e.token(t, "/"+emulator.DemoTenantID+"/oauth2/v2.0/token", form.Encode(), "application/x-www-form-urlencoded")
}

// UserToken returns the token Grafana holds for a signed-in user (audience: Grafana's demo app), the
// assertion that on-behalf-of exchanges.
func (e *Emulator) UserToken(t testing.TB, upn string) string {
	t.Helper()
	return e.token(t, "/_emulator/users/"+url.PathEscape(upn)+"/token", "", "application/json")
}

// DelegatedToken exchanges upn's token for Grafana's demo app for an API token for scope on the user's
// behalf (the on-behalf-of grant, no MSAL): what the plugin holds in current-user mode.
func (e *Emulator) DelegatedToken(t testing.TB, upn, scope string) string {
	t.Helper()
	form := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "client_id": {emulator.DemoGrafanaAppID},
		"client_secret": {emulator.DemoSecret}, "assertion": {e.UserToken(t, upn)}, "requested_token_use": {"on_behalf_of"},
		"scope": {scope}}
	return e.token(t, "/"+emulator.DemoTenantID+"/oauth2/v2.0/token", form.Encode(), "application/x-www-form-urlencoded")
}

// FederatedToken returns a workload identity token for subject ("" means the demo subject that the demo
// reader app trusts), what AZURE_FEDERATED_TOKEN_FILE would hold.
func (e *Emulator) FederatedToken(t testing.TB, subject string) string {
	t.Helper()
	b, err := json.Marshal(map[string]string{"subject": subject})
	if err != nil {
		t.Fatalf("emulatortest: %v", err)
	}
	return e.token(t, "/_emulator/federated-token", string(b), "application/json")
}

// Call sends method path with body (as JSON) and a bearer token ("" for none) and returns the status,
// headers and body of the answer.
func (e *Emulator) Call(t testing.TB, method, path, token, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, e.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatalf("emulatortest: %v", err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := e.Client().Do(req)
	if err != nil {
		t.Fatalf("emulatortest: %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("emulatortest: %s %s: read body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, b
}

func (e *Emulator) token(t testing.TB, path, body, contentType string) string {
	t.Helper()
	resp, err := e.Client().Post(e.URL+path, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatalf("emulatortest: POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || out.AccessToken == "" {
		t.Fatalf("emulatortest: POST %s: status %d, decode error %v", path, resp.StatusCode, err)
	}
	return out.AccessToken
}
