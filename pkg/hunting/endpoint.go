package hunting

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Flavor names one of the three advanced hunting APIs.
type Flavor string

const (
	// FlavorGraph is Microsoft Graph security runHuntingQuery (v1.0): the current API and the default.
	FlavorGraph Flavor = "graph"
	// FlavorXDR is the Defender XDR (Microsoft 365 Defender) advancedhunting/run API (legacy, retiring).
	FlavorXDR Flavor = "xdr"
	// FlavorMDE is the Defender for Endpoint advancedqueries/run API (legacy, the original).
	FlavorMDE Flavor = "mde"
)

// Clouds accepted by ResolveEndpoint. The empty string means CloudGlobal.
const (
	CloudGlobal  = "global"
	CloudGCC     = "gcc"
	CloudGCCHigh = "gcchigh"
	CloudDoD     = "dod"
)

// Sign-in (authority) hosts per cloud.
const (
	authorityGlobal = "https://login.microsoftonline.com"
	authorityGov    = "https://login.microsoftonline.us"
)

// Endpoint is where a flavor's API lives in one cloud/region and how to get a token for it.
type Endpoint struct {
	// APIBaseURL is the scheme and host (no path, no trailing slash); the client appends the flavor's path.
	APIBaseURL string
	// Scope is the OAuth2 scope to request, "<resource>/.default".
	Scope string
	// AuthorityHost is the Entra ID sign-in host for the cloud, without tenant.
	AuthorityHost string
}

// flavorHosts is the host table of DESIGN.md section 2 for one flavor.
type flavorHosts struct {
	cloud map[string]string // cloud -> API base URL
	// regions maps a region name to its host; regional hosts exist only in the global cloud.
	regions map[string]string
	// extra hosts that are Microsoft's but not reachable through cloud/region (older names).
	extra []string
}

// hostTable returns the static host table. It is a function (not a package variable) so that nobody can
// mutate the allow-list at run time.
func hostTable(f Flavor) (flavorHosts, bool) {
	switch f {
	case FlavorGraph:
		return flavorHosts{cloud: map[string]string{
			CloudGlobal:  "https://graph.microsoft.com",
			CloudGCC:     "https://graph.microsoft.com",
			CloudGCCHigh: "https://graph.microsoft.us",
			CloudDoD:     "https://dod-graph.microsoft.us",
		}}, true
	case FlavorXDR:
		return flavorHosts{
			cloud: map[string]string{
				CloudGlobal:  "https://api.security.microsoft.com",
				CloudGCC:     "https://api-gcc.security.microsoft.us",
				CloudGCCHigh: "https://api-gov.security.microsoft.us",
				CloudDoD:     "https://api-gov.security.microsoft.us",
			},
			regions: map[string]string{
				"api-us": "https://api-us.security.microsoft.com",
				"api-eu": "https://api-eu.security.microsoft.com",
				"api-uk": "https://api-uk.security.microsoft.com",
				"us":     "https://us.api.security.microsoft.com",
				"eu":     "https://eu.api.security.microsoft.com",
				"uk":     "https://uk.api.security.microsoft.com",
				"au":     "https://au.api.security.microsoft.com",
				"swa":    "https://swa.api.security.microsoft.com",
				"ina":    "https://ina.api.security.microsoft.com",
				"aea":    "https://aea.api.security.microsoft.com",
			},
		}, true
	case FlavorMDE:
		return flavorHosts{
			cloud: map[string]string{
				CloudGlobal:  "https://api.securitycenter.microsoft.com",
				CloudGCC:     "https://api-gcc.securitycenter.microsoft.us",
				CloudGCCHigh: "https://api-gov.securitycenter.microsoft.us",
				CloudDoD:     "https://api-gov.securitycenter.microsoft.us",
			},
			regions: map[string]string{
				"api-us": "https://api-us.securitycenter.microsoft.com",
				"api-eu": "https://api-eu.securitycenter.microsoft.com",
				"api-uk": "https://api-uk.securitycenter.microsoft.com",
				"api-au": "https://api-au.securitycenter.microsoft.com",
				// MDE has one regional naming scheme, so the short names are unambiguous aliases.
				"us": "https://api-us.securitycenter.microsoft.com",
				"eu": "https://api-eu.securitycenter.microsoft.com",
				"uk": "https://api-uk.securitycenter.microsoft.com",
				"au": "https://api-au.securitycenter.microsoft.com",
			},
			extra: []string{"https://api.securitycenter.windows.com"},
		}, true
	}
	return flavorHosts{}, false
}

// ParseFlavor validates a flavor name; the empty string is FlavorGraph (the default for new data sources).
func ParseFlavor(s string) (Flavor, error) {
	switch f := Flavor(strings.ToLower(strings.TrimSpace(s))); f {
	case "":
		return FlavorGraph, nil
	case FlavorGraph, FlavorXDR, FlavorMDE:
		return f, nil
	}
	return "", fmt.Errorf("unknown API flavor %q: use %q (Microsoft Graph, the default), %q (Defender XDR, legacy) or %q (Defender for Endpoint, legacy)",
		s, FlavorGraph, FlavorXDR, FlavorMDE)
}

// Regions lists the region names ResolveEndpoint accepts for flavor, sorted; Graph has none.
func Regions(flavor Flavor) []string {
	t, _ := hostTable(flavor)
	out := make([]string, 0, len(t.regions))
	for r := range t.regions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// ResolveEndpoint returns the API base URL, token scope and sign-in host for flavor in cloud ("global",
// "gcc", "gcchigh", "dod"; empty = global) and region (legacy flavors in the global cloud only; empty =
// the global host). Region names are the host labels Microsoft uses ("api-eu", "eu", ...; see Regions).
//
// Tokens are requested for the cloud's resource even for a regional host: Microsoft's regional hosts
// accept tokens for the global resource.
func ResolveEndpoint(flavor Flavor, cloud, region string) (Endpoint, error) {
	if flavor == "" {
		flavor = FlavorGraph
	}
	t, ok := hostTable(flavor)
	if !ok {
		_, err := ParseFlavor(string(flavor))
		return Endpoint{}, err
	}
	cloud = strings.ToLower(strings.TrimSpace(cloud))
	if cloud == "" {
		cloud = CloudGlobal
	}
	base, ok := t.cloud[cloud]
	if !ok {
		return Endpoint{}, fmt.Errorf("unknown cloud %q: use %q, %q, %q or %q", cloud, CloudGlobal, CloudGCC, CloudGCCHigh, CloudDoD)
	}
	ep := Endpoint{APIBaseURL: base, Scope: base + "/.default", AuthorityHost: authorityGlobal}
	if cloud == CloudGCCHigh || cloud == CloudDoD {
		ep.AuthorityHost = authorityGov
	}
	region = strings.ToLower(strings.TrimSpace(region))
	if region == "" {
		return ep, nil
	}
	switch {
	case flavor == FlavorGraph:
		return Endpoint{}, fmt.Errorf("region %q is set but the Microsoft Graph API has no regional hosts: clear the region (regions apply only to the legacy %q and %q APIs)", region, FlavorXDR, FlavorMDE)
	case cloud != CloudGlobal:
		return Endpoint{}, fmt.Errorf("region %q is set with cloud %q: regional hosts exist only in the global cloud; clear the region", region, cloud)
	}
	host, ok := t.regions[region]
	if !ok {
		return Endpoint{}, fmt.Errorf("unknown region %q for the %s API: use one of %s, or leave it empty for the global host", region, flavor, strings.Join(Regions(flavor), ", "))
	}
	ep.APIBaseURL = host
	return ep, nil
}

// HostList is the allow-list of Microsoft hosts, as "https://host" origins, sorted and deduplicated.
type HostList struct {
	// API holds every API host of every flavor, cloud and region (plus older host names still served).
	API []string
	// SignIn holds the Entra ID authority hosts.
	SignIn []string
}

// KnownHosts returns the hosts tokens may be sent to unless the Grafana admin allowed custom endpoints.
// Each call returns a fresh copy.
func KnownHosts() HostList {
	api := map[string]bool{}
	for _, f := range []Flavor{FlavorGraph, FlavorXDR, FlavorMDE} {
		t, _ := hostTable(f)
		for _, h := range t.cloud {
			api[h] = true
		}
		for _, h := range t.regions {
			api[h] = true
		}
		for _, h := range t.extra {
			api[h] = true
		}
	}
	l := HostList{SignIn: []string{authorityGlobal, authorityGov}}
	for h := range api {
		l.API = append(l.API, h)
	}
	sort.Strings(l.API)
	return l
}

// IsKnownAPIURL reports whether rawURL is https on one of KnownHosts().API (any path, default port).
func IsKnownAPIURL(rawURL string) bool { return originIn(rawURL, KnownHosts().API) }

// IsKnownSignInURL reports whether rawURL is https on one of KnownHosts().SignIn (any path, default port).
func IsKnownSignInURL(rawURL string) bool { return originIn(rawURL, KnownHosts().SignIn) }

func originIn(rawURL string, origins []string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Scheme != "https" || u.User != nil || (u.Port() != "" && u.Port() != "443") {
		return false
	}
	origin := "https://" + strings.ToLower(u.Hostname())
	for _, o := range origins {
		if o == origin {
			return true
		}
	}
	return false
}

// apiPath is the flavor's request path, appended to the base URL (custom endpoints keep it).
func apiPath(f Flavor) string {
	switch f {
	case FlavorXDR:
		return "/api/advancedhunting/run"
	case FlavorMDE:
		return "/api/advancedqueries/run"
	}
	return "/v1.0/security/runHuntingQuery"
}
