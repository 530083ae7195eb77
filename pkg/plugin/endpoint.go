package plugin

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/quarry-defender/quarry/pkg/hunting"
)

// resolveEndpoint picks where API calls and sign-in go. Custom endpoints (an emulator, a private cloud
// proxy) are honoured only when the Grafana admin allowed them, because a data source editor could
// otherwise send the tenant's client secret to any host.
func (s *Settings) resolveEndpoint(c *custom, getenv func(string) string) error {
	ep, err := hunting.ResolveEndpoint(s.API, s.Cloud, s.Region)
	if err != nil {
		field := "cloud"
		if s.Region != "" {
			field = "region"
		}
		return badField(field, "%v", err)
	}
	s.Endpoint = ep
	if c == nil || strings.TrimSpace(c.APIURL) == "" && strings.TrimSpace(c.AuthorityURL) == "" {
		return nil
	}
	if !strings.EqualFold(strings.TrimSpace(getenv(AllowCustomEndpointsEnv)), "true") {
		return badField("customEndpoints", "custom endpoints are disabled; remove apiUrl/authorityUrl, or ask the Grafana admin to set allow_custom_endpoints = true under [plugin.quarry-defender-datasource] (environment: GF_PLUGIN_QUARRY_DEFENDER_DATASOURCE_ALLOW_CUSTOM_ENDPOINTS=true) and restart Grafana")
	}
	s.Custom = true
	if v := strings.TrimSpace(c.APIURL); v != "" {
		if err := checkURL(v); err != nil {
			return badField("customEndpoints.apiUrl", "%v", err)
		}
		s.Endpoint.APIBaseURL = strings.TrimRight(v, "/")
	}
	if v := strings.TrimSpace(c.AuthorityURL); v != "" {
		if err := checkURL(v); err != nil {
			return badField("customEndpoints.authorityUrl", "%v", err)
		}
		s.Endpoint.AuthorityHost = strings.TrimRight(v, "/")
	}
	return nil
}

func checkURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("%q is not an absolute URL like https://host:port (no query, no credentials)", v)
	}
	if u.Scheme != "https" {
		return fmt.Errorf("%q must use https (tokens and secrets travel over it); for a local emulator use its TLS mode and set tlsCACert", v)
	}
	return nil
}

// allowedOrigins lists the scheme://host[:port] the data source may contact: Microsoft's known hosts,
// or, with custom endpoints, exactly the configured ones.
func (s *Settings) allowedOrigins() []string {
	var out []string
	if s.Custom {
		out = []string{origin(s.Endpoint.APIBaseURL), origin(s.Endpoint.AuthorityHost)}
	} else {
		known := hunting.KnownHosts()
		out = append(append(out, known.API...), known.SignIn...)
	}
	return append(out, s.identityOrigins...)
}

// managedIdentityOrigins are the local token endpoints a managed identity may use: Azure's instance
// metadata service, and whatever endpoint the hosting platform put in the environment (App Service,
// Service Fabric, Arc, Cloud Shell). They only hand tokens out; nothing secret is sent to them.
func managedIdentityOrigins(getenv func(string) string) []string {
	out := []string{"http://169.254.169.254"}
	for _, k := range []string{"IDENTITY_ENDPOINT", "MSI_ENDPOINT", "IMDS_ENDPOINT"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			out = append(out, origin(v))
		}
	}
	return out
}

func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return urlOrigin(u)
}

// urlOrigin is u's scheme://host[:port], lower-cased, without the default https port.
func urlOrigin(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && p != "443" {
		host = net.JoinHostPort(host, p)
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

// hostGuard refuses any request to a host outside the allow-list before it leaves the process, so a
// token or secret can never reach another host, whatever URL a response or discovery document names.
type hostGuard struct {
	allowed []string
	next    http.RoundTripper
}

func (g hostGuard) RoundTrip(r *http.Request) (*http.Response, error) {
	o := urlOrigin(r.URL)
	if !slices.Contains(g.allowed, o) {
		if r.Body != nil {
			_ = r.Body.Close()
		}
		return nil, &fieldError{Field: "customEndpoints", Msg: fmt.Sprintf("refusing to contact %s: it is not a Microsoft hunting or sign-in host, and custom endpoints are not configured for it", o)}
	}
	return g.next.RoundTrip(r)
}
