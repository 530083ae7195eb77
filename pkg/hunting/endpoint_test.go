package hunting

import (
	"slices"
	"strings"
	"testing"
)

func TestResolveEndpoint(t *testing.T) {
	type in struct {
		flavor        Flavor
		cloud, region string
	}
	tests := []struct {
		name    string
		in      in
		want    Endpoint
		wantErr string
	}{
		{"graph default", in{"", "", ""}, Endpoint{"https://graph.microsoft.com", "https://graph.microsoft.com/.default", "https://login.microsoftonline.com"}, ""},
		{"graph gcc", in{FlavorGraph, "gcc", ""}, Endpoint{"https://graph.microsoft.com", "https://graph.microsoft.com/.default", "https://login.microsoftonline.com"}, ""},
		{"graph gcchigh", in{FlavorGraph, "gcchigh", ""}, Endpoint{"https://graph.microsoft.us", "https://graph.microsoft.us/.default", "https://login.microsoftonline.us"}, ""},
		{"graph dod", in{FlavorGraph, "DoD", ""}, Endpoint{"https://dod-graph.microsoft.us", "https://dod-graph.microsoft.us/.default", "https://login.microsoftonline.us"}, ""},
		{"xdr global", in{FlavorXDR, "global", ""}, Endpoint{"https://api.security.microsoft.com", "https://api.security.microsoft.com/.default", "https://login.microsoftonline.com"}, ""},
		{"xdr region api-eu keeps the global scope", in{FlavorXDR, "", "api-eu"}, Endpoint{"https://api-eu.security.microsoft.com", "https://api.security.microsoft.com/.default", "https://login.microsoftonline.com"}, ""},
		{"xdr region aea", in{FlavorXDR, "", "aea"}, Endpoint{"https://aea.api.security.microsoft.com", "https://api.security.microsoft.com/.default", "https://login.microsoftonline.com"}, ""},
		{"xdr gcc", in{FlavorXDR, "gcc", ""}, Endpoint{"https://api-gcc.security.microsoft.us", "https://api-gcc.security.microsoft.us/.default", "https://login.microsoftonline.com"}, ""},
		{"xdr dod", in{FlavorXDR, "dod", ""}, Endpoint{"https://api-gov.security.microsoft.us", "https://api-gov.security.microsoft.us/.default", "https://login.microsoftonline.us"}, ""},
		{"mde global", in{FlavorMDE, "", ""}, Endpoint{"https://api.securitycenter.microsoft.com", "https://api.securitycenter.microsoft.com/.default", "https://login.microsoftonline.com"}, ""},
		{"mde region au", in{FlavorMDE, "", " AU "}, Endpoint{"https://api-au.securitycenter.microsoft.com", "https://api.securitycenter.microsoft.com/.default", "https://login.microsoftonline.com"}, ""},
		{"mde gcchigh", in{FlavorMDE, "gcchigh", ""}, Endpoint{"https://api-gov.securitycenter.microsoft.us", "https://api-gov.securitycenter.microsoft.us/.default", "https://login.microsoftonline.us"}, ""},
		{"region with graph", in{FlavorGraph, "", "eu"}, Endpoint{}, "no regional hosts"},
		{"region with a gov cloud", in{FlavorMDE, "gcc", "eu"}, Endpoint{}, "only in the global cloud"},
		{"region that does not exist", in{FlavorMDE, "", "swa"}, Endpoint{}, `unknown region "swa" for the mde API: use one of api-au, api-eu`},
		{"unknown cloud", in{FlavorGraph, "china", ""}, Endpoint{}, `unknown cloud "china"`},
		{"unknown flavor", in{"kusto", "", ""}, Endpoint{}, `unknown API flavor "kusto"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveEndpoint(tt.in.flavor, tt.in.cloud, tt.in.region)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Every host ResolveEndpoint can return is on the allow-list, and the list has nothing else but the
// older MDE host name.
func TestKnownHostsCoverResolve(t *testing.T) {
	known := KnownHosts()
	reached := map[string]bool{}
	for _, f := range []Flavor{FlavorGraph, FlavorXDR, FlavorMDE} {
		for _, c := range []string{CloudGlobal, CloudGCC, CloudGCCHigh, CloudDoD} {
			regions := []string{""}
			if c == CloudGlobal {
				regions = append(regions, Regions(f)...)
			}
			for _, r := range regions {
				ep, err := ResolveEndpoint(f, c, r)
				if err != nil {
					t.Fatalf("%s/%s/%s: %v", f, c, r, err)
				}
				reached[ep.APIBaseURL] = true
				if !IsKnownAPIURL(ep.APIBaseURL) || !IsKnownSignInURL(ep.AuthorityHost) {
					t.Errorf("%s/%s/%s: %+v not on the allow-list", f, c, r, ep)
				}
			}
		}
	}
	for _, h := range known.API {
		if !reached[h] && h != "https://api.securitycenter.windows.com" {
			t.Errorf("allow-listed host %s is not reachable through ResolveEndpoint", h)
		}
	}
	if !slices.IsSorted(known.API) || len(known.SignIn) != 2 {
		t.Errorf("KnownHosts() = %+v", known)
	}
	known.API[0] = "https://evil.example"
	if IsKnownAPIURL("https://evil.example") {
		t.Error("mutating a returned list changed the allow-list")
	}
}

func TestIsKnownURL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"graph", "https://graph.microsoft.com", true},
		{"graph with path", "https://graph.microsoft.com/v1.0/", true},
		{"upper case host", "https://GRAPH.microsoft.com", true},
		{"explicit 443", "https://graph.microsoft.com:443", true},
		{"http", "http://graph.microsoft.com", false},
		{"other port", "https://graph.microsoft.com:8443", false},
		{"suffix attack", "https://graph.microsoft.com.evil.example", false},
		{"userinfo attack", "https://graph.microsoft.com@evil.example", false},
		{"sign-in host is not an API host", "https://login.microsoftonline.com", false},
		{"emulator", "https://127.0.0.1:8443", false},
		{"garbage", "::", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsKnownAPIURL(tt.in); got != tt.want {
				t.Errorf("IsKnownAPIURL(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	if !IsKnownSignInURL("https://login.microsoftonline.us/tenant") || IsKnownSignInURL("https://graph.microsoft.com") {
		t.Error("IsKnownSignInURL accepts or rejects the wrong hosts")
	}
}

func TestParseFlavor(t *testing.T) {
	tests := []struct {
		in      string
		want    Flavor
		wantErr bool
	}{
		{"", FlavorGraph, false},
		{"graph", FlavorGraph, false},
		{" XDR ", FlavorXDR, false},
		{"mde", FlavorMDE, false},
		{"m365d", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFlavor(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseFlavor(%q) = %q, %v", tt.in, got, err)
			}
		})
	}
}
