package plugin

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/hunting"
	"github.com/quarry-defender/quarry/pkg/kql"
)

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Decorator wraps the API client of one data source instance (the quota layer does: budget, cache,
// coalescing). It returns the runner to use and a function that releases what it holds.
type Decorator func(next hunting.Runner, s *Settings) (hunting.Runner, func())

// Process is what every instance of the plugin process shares.
type Process struct {
	// Getenv reads the plugin process's environment (os.Getenv in main).
	Getenv func(string) string
	// Decorate wraps each instance's API client; nil means none.
	Decorate Decorator
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// NewFactory returns the instance factory datasource.Manage calls whenever a data source's settings are
// created or changed.
func NewFactory(p Process) datasource.InstanceFactoryFunc {
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Getenv == nil {
		p.Getenv = func(string) string { return "" }
	}
	return func(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
		return newDatasource(ctx, s, p), nil
	}
}

// Datasource is one configured data source. Invalid settings do not fail instance creation: the error
// is kept and returned, naming the field, by every query and health check, which Grafana shows to the
// user (a factory error would surface as a generic plugin failure).
type Datasource struct {
	settings *Settings
	err      error
	now      func() time.Time
	http     *http.Client
	tokens   auth.TokenSource
	// client is the undecorated API client (CheckHealth bypasses the cache); runner is what queries use.
	client  hunting.Runner
	runner  hunting.Runner
	release func()
	// legacy are the retired Defender names queries to Graph and XDR are moved off.
	legacy kql.Renames
}

func newDatasource(ctx context.Context, s backend.DataSourceInstanceSettings, p Process) *Datasource {
	d := &Datasource{now: p.Now, release: func() {}}
	d.settings, d.err = parseSettings(s, p.Getenv)
	if d.err != nil {
		return d
	}
	if d.legacy, d.err = legacyRenames(); d.err != nil {
		return d
	}
	if d.err = d.connect(ctx, s); d.err != nil {
		return d
	}
	d.runner = d.client
	if p.Decorate != nil {
		d.runner, d.release = p.Decorate(d.client, d.settings)
	}
	return d
}

// connect builds the HTTP client (the SDK's options, so tlsCACert applies), the token source and the
// API client, all sharing that one HTTP client.
func (d *Datasource) connect(ctx context.Context, s backend.DataSourceInstanceSettings) error {
	opts, err := s.HTTPClientOptions(ctx)
	if err != nil {
		return badField("jsonData", "HTTP options: %v", err)
	}
	if opts.Timeouts == nil {
		opts.Timeouts = &httpclient.TimeoutOptions{}
	}
	// The hunting client bounds each request by context; the SDK's 30 s default would cut long queries.
	opts.Timeouts.Timeout = 0
	hc, err := httpclient.New(opts)
	if err != nil {
		return badField("secureJsonData.tlsCACert", "cannot build the HTTP client (is the CA a valid PEM certificate?): %v", err)
	}
	hc.Transport = hostGuard{allowed: d.settings.allowedOrigins(), next: hc.Transport}
	d.http = hc
	st := d.settings
	d.tokens, err = auth.New(auth.Config{
		Type: st.AuthType, AuthorityHost: st.Endpoint.AuthorityHost, InstanceDiscovery: !st.Custom,
		TenantID: st.TenantID, ClientID: st.ClientID, ClientSecret: st.clientSecret,
		ClientCertificate: st.clientCertificate, ClientCertificatePassword: st.clientCertificatePassword,
		ManagedIdentityClientID: st.ManagedIdentityClientID, FederatedTokenFile: st.FederatedTokenFile,
		Fallback: st.FallbackAuthType, HTTPClient: hc,
	})
	if err != nil {
		return badField("authType", "%v", err)
	}
	client, err := hunting.NewClient(hunting.Config{Flavor: st.API, APIBaseURL: st.Endpoint.APIBaseURL,
		Scope: st.Endpoint.Scope, HTTPClient: hc, Tokens: d.tokens, Timeout: st.QueryTimeout})
	if err != nil {
		return fmt.Errorf("hunting client: %w", err)
	}
	d.client = client
	return nil
}

// Dispose releases the quota decorator and idle connections when Grafana replaces the instance.
func (d *Datasource) Dispose() {
	d.release()
	if d.http != nil {
		d.http.CloseIdleConnections()
	}
}
