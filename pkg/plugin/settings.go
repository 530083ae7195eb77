package plugin

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/quarry-defender/quarry/pkg/auth"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

// AllowCustomEndpointsEnv is how Grafana tells the plugin that its admin set allow_custom_endpoints = true
// under [plugin.quarry-defender-datasource].
const AllowCustomEndpointsEnv = "GF_PLUGIN_ALLOW_CUSTOM_ENDPOINTS"

// Defaults of DESIGN.md section 5.
const (
	defaultCallsPerMinute = 45
	defaultCallsPerHour   = 1500
	defaultRowLimit       = 100000
	defaultCacheTTL       = 30 * time.Second
)

// Settings are a data source's validated settings. Secrets are unexported so that they can never be
// serialised back to the frontend or logged by %+v of an exported field.
type Settings struct {
	API                     hunting.Flavor
	Cloud                   string
	Region                  string
	AuthType                auth.Type
	FallbackAuthType        auth.Type
	TenantID                string
	ClientID                string
	ManagedIdentityClientID string
	// FederatedTokenFile is AZURE_FEDERATED_TOKEN_FILE from the environment (workload identity).
	FederatedTokenFile string
	CallsPerMinute     int
	CallsPerHour       int
	// CacheTTL is how long the quota layer serves a result without a call; 0 turns the cache off.
	CacheTTL     time.Duration
	QueryTimeout time.Duration
	RowLimit     int
	// Endpoint is where queries and sign-in go: the Microsoft hosts for API/cloud/region, or the
	// admin-approved custom endpoints (then Custom is true).
	Endpoint hunting.Endpoint
	Custom   bool

	// identityOrigins are extra hosts the sign-in mode talks to (managed identity endpoints).
	identityOrigins []string

	clientSecret              string
	clientCertificate         string
	clientCertificatePassword string
}

type jsonSettings struct {
	API                     string   `json:"api"`
	Cloud                   string   `json:"cloud"`
	Region                  string   `json:"region"`
	AuthType                string   `json:"authType"`
	FallbackAuthType        string   `json:"fallbackAuthType"`
	TenantID                string   `json:"tenantId"`
	ClientID                string   `json:"clientId"`
	ManagedIdentityClientID string   `json:"managedIdentityClientId"`
	MaxCallsPerMinute       flexInt  `json:"maxCallsPerMinute"`
	MaxCallsPerHour         flexInt  `json:"maxCallsPerHour"`
	CacheTTLSeconds         flexInt  `json:"cacheTtlSeconds"`
	QueryTimeoutSeconds     flexInt  `json:"queryTimeoutSeconds"`
	RowLimit                flexInt  `json:"rowLimit"`
	CustomEndpoints         *custom  `json:"customEndpoints"`
	TLSAuthWithCACert       flexBool `json:"tlsAuthWithCACert"`
}

type custom struct {
	APIURL       string `json:"apiUrl"`
	AuthorityURL string `json:"authorityUrl"`
}

// fieldError names the setting that is wrong and how to fix it.
type fieldError struct {
	Field string
	Msg   string
}

func (e *fieldError) Error() string { return fmt.Sprintf("setting %s: %s", e.Field, e.Msg) }

// Downstream is true: the fix is in the data source's settings, not in the plugin.
func (e *fieldError) Downstream() bool { return true }

func badField(field, format string, args ...any) error {
	return &fieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// parseSettings reads and validates jsonData and secureJsonData. getenv is the plugin process's
// environment (injected so tests need not touch the real one).
func parseSettings(s backend.DataSourceInstanceSettings, getenv func(string) string) (*Settings, error) {
	var j jsonSettings
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &j); err != nil {
			return nil, badField("jsonData", "not valid JSON for this data source: %v; re-save the settings page", err)
		}
	}
	out := &Settings{Cloud: strings.ToLower(strings.TrimSpace(j.Cloud)), Region: strings.TrimSpace(j.Region),
		TenantID: strings.TrimSpace(j.TenantID), ClientID: strings.TrimSpace(j.ClientID),
		ManagedIdentityClientID: strings.TrimSpace(j.ManagedIdentityClientID)}
	var err error
	if out.API, err = hunting.ParseFlavor(j.API); err != nil {
		return nil, badField("api", "%v", err)
	}
	if out.Cloud == "" {
		out.Cloud = hunting.CloudGlobal
	}
	if out.AuthType, err = parseAuthType("authType", j.AuthType, auth.ClientSecret); err != nil {
		return nil, err
	}
	if out.FallbackAuthType, err = parseAuthType("fallbackAuthType", j.FallbackAuthType, ""); err != nil {
		return nil, err
	}
	if err := out.parseLimits(j); err != nil {
		return nil, err
	}
	if err := out.parseIdentity(s.DecryptedSecureJSONData, getenv); err != nil {
		return nil, err
	}
	if err := out.resolveEndpoint(j.CustomEndpoints, getenv); err != nil {
		return nil, err
	}
	if bool(j.TLSAuthWithCACert) && strings.TrimSpace(s.DecryptedSecureJSONData["tlsCACert"]) == "" {
		return nil, badField("secureJsonData.tlsCACert", "tlsAuthWithCACert is on but no CA certificate is set; paste the CA's PEM or turn the option off")
	}
	return out, nil
}

func parseAuthType(field, v string, def auth.Type) (auth.Type, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return def, nil
	}
	for _, t := range auth.Types() {
		if strings.EqualFold(v, string(t)) {
			return t, nil
		}
	}
	return "", badField(field, "unknown sign-in mode %q; use one of %v", v, auth.Types())
}

func (s *Settings) parseLimits(j jsonSettings) error {
	var err error
	if s.CallsPerMinute, err = j.MaxCallsPerMinute.positive("maxCallsPerMinute", defaultCallsPerMinute); err != nil {
		return err
	}
	if s.CallsPerHour, err = j.MaxCallsPerHour.positive("maxCallsPerHour", defaultCallsPerHour); err != nil {
		return err
	}
	if s.RowLimit, err = j.RowLimit.positive("rowLimit", defaultRowLimit); err != nil {
		return err
	}
	ttl, err := j.CacheTTLSeconds.nonNegative("cacheTtlSeconds", "no cache")
	if err != nil {
		return err
	}
	timeout, err := j.QueryTimeoutSeconds.nonNegative("queryTimeoutSeconds", "the default")
	if err != nil {
		return err
	}
	s.CacheTTL, s.QueryTimeout = time.Duration(ttl)*time.Second, time.Duration(timeout)*time.Second
	if !j.CacheTTLSeconds.set {
		s.CacheTTL = defaultCacheTTL
	}
	return nil
}

// flexInt accepts 45 and "45": settings pages and provisioning files write numbers either way.
type flexInt struct {
	set bool
	// bad is true when raw is not a whole number; the validators, which know the field name, report it.
	bad bool
	v   int64
	raw string
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	if s == "" || s == "null" {
		return nil
	}
	f.set, f.raw = true, s
	v, err := strconv.ParseInt(s, 10, 64)
	f.v, f.bad = v, err != nil
	return nil
}

func (f flexInt) check(field string) error {
	if f.bad {
		return badField(field, "%q is not a whole number", f.raw)
	}
	return nil
}

func (f flexInt) positive(field string, def int) (int, error) {
	if err := f.check(field); err != nil || !f.set {
		return def, err
	}
	if f.v <= 0 || f.v > 1<<31 {
		return 0, badField(field, "%d is out of range; use a positive number (default %d)", f.v, def)
	}
	return int(f.v), nil
}

// nonNegative reads a number of seconds; zeroMeans says what 0 stands for, in the error message.
func (f flexInt) nonNegative(field, zeroMeans string) (int, error) {
	if err := f.check(field); err != nil || !f.set {
		return 0, err
	}
	if f.v < 0 || f.v > 86400 {
		return 0, badField(field, "%d is out of range; use 0 to 86400 seconds (0 = %s)", f.v, zeroMeans)
	}
	return int(f.v), nil
}

// flexBool accepts true and "true".
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseBool(strings.Trim(strings.TrimSpace(string(b)), `"`))
	*f = flexBool(err == nil && v)
	return nil
}
