package emulator

import (
	"bytes"
	"crypto/sha1" //nolint:gosec // x5t is defined as a SHA-1 thumbprint
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"
)

// The demo tenant's fixed identifiers (DESIGN.md section 6): scripts, provisioning files and docs name them.
const (
	DemoTenantID     = "00000000-0000-4000-8000-00000000c0de"
	DemoReaderAppID  = "00000000-0000-4000-8000-0000000000a1"
	DemoNoPermAppID  = "00000000-0000-4000-8000-0000000000a2"
	DemoGrafanaAppID = "00000000-0000-4000-8000-0000000000a3"
	// DemoManagedIdentityID is the client id of the demo tenant's system-assigned managed identity.
	DemoManagedIdentityID = "00000000-0000-4000-8000-0000000000a4"
	DemoSecret            = "quarry-demo-secret"
	DemoAnalystUPN        = "analyst@contoso.example"
	DemoHelpdeskUPN       = "helpdesk@contoso.example"
	// FederationIssuer is the issuer of the workload identity tokens the emulator mints on
	// POST /_emulator/federated-token; apps trust it through their federatedCredentials.
	FederationIssuer = "https://federation.quarry-emulator.invalid"
	// DemoFederatedSubject is the subject the demo reader app's federated credential trusts.
	DemoFederatedSubject = "system:serviceaccount:grafana:grafana"
)

// Permissions the hunting APIs check (DESIGN.md section 2).
const (
	PermGraph          = "ThreatHunting.Read.All"
	PermXDRApp         = "AdvancedHunting.Read.All"
	PermXDRDelegated   = "AdvancedHunting.Read"
	PermMDEApp         = "AdvancedQuery.Read.All"
	PermMDEDelegated   = "AdvancedQuery.Read"
	allAppPermissions  = "ThreatHunting.Read.All AdvancedHunting.Read.All AdvancedQuery.Read.All"
	allUserPermissions = "ThreatHunting.Read.All AdvancedHunting.Read AdvancedQuery.Read"
)

// Directory is the set of tenants the emulator signs in. Its JSON form is the -config file.
type Directory struct {
	Tenants []*Tenant `json:"tenants"`
}

// Tenant is one Entra ID tenant with its app registrations and users.
type Tenant struct {
	ID    string  `json:"id"`
	Apps  []*App  `json:"apps"`
	Users []*User `json:"users"`
}

// App is an app registration (or a managed identity, which is an app without credentials of its own).
type App struct {
	ClientID string `json:"clientId"`
	// Secrets are accepted client secrets.
	Secrets []string `json:"secrets,omitempty"`
	// Certificates are PEM certificates whose keys may sign client assertions.
	Certificates []string `json:"certificates,omitempty"`
	// Federated lists the external tokens (issuer and subject) the app accepts as client assertions.
	Federated []FederatedCredential `json:"federatedCredentials,omitempty"`
	// Roles are application permissions, e.g. "ThreatHunting.Read.All".
	Roles []string `json:"roles,omitempty"`
	// Delegated are delegated permissions granted to the app, e.g. "AdvancedHunting.Read"; on-behalf-of
	// tokens carry those of the requested API in scp.
	Delegated []string `json:"delegated,omitempty"`
	// ManagedIdentity makes the app the tenant's system-assigned managed identity (only one per directory
	// is used: the first); any app can be fetched as a user-assigned identity by its client id.
	ManagedIdentity bool `json:"managedIdentity,omitempty"`

	thumbprints map[string]*x509.Certificate
}

// FederatedCredential trusts tokens with this issuer and subject.
type FederatedCredential struct {
	Issuer  string `json:"issuer"`
	Subject string `json:"subject"`
}

// User is a signed-in person.
type User struct {
	UPN      string `json:"upn"`
	ObjectID string `json:"objectId"`
	Name     string `json:"name,omitempty"`
	// DeviceGroups are the device ("machine") groups the user may see.
	DeviceGroups []string `json:"deviceGroups"`
}

// DemoDirectory returns the built-in demo tenant of DESIGN.md section 6.
func DemoDirectory() *Directory {
	fed := []FederatedCredential{{Issuer: FederationIssuer, Subject: DemoFederatedSubject}}
	all := strings.Fields(allAppPermissions)
	return &Directory{Tenants: []*Tenant{{
		ID: DemoTenantID,
		Apps: []*App{
			{ClientID: DemoReaderAppID, Secrets: []string{DemoSecret}, Roles: all, Federated: fed},
			{ClientID: DemoNoPermAppID, Secrets: []string{DemoSecret}},
			// Grafana's own app: delegated permissions for on-behalf-of, and application permissions too so
			// that a current-user data source can fall back to its own identity for alert rules.
			{ClientID: DemoGrafanaAppID, Secrets: []string{DemoSecret}, Roles: all,
				Delegated: strings.Fields(allUserPermissions)},
			{ClientID: DemoManagedIdentityID, Roles: all, ManagedIdentity: true},
		},
		Users: []*User{
			{UPN: DemoAnalystUPN, ObjectID: "00000000-0000-4000-8000-0000000000b1", Name: "Ada Analyst",
				DeviceGroups: []string{"Servers"}},
			{UPN: DemoHelpdeskUPN, ObjectID: "00000000-0000-4000-8000-0000000000b2", Name: "Hal Helpdesk",
				DeviceGroups: []string{"Workstations"}},
		},
	}}}
}

// LoadDirectory reads a -config file and returns the demo directory extended by it: new tenants are added,
// a tenant with the demo tenant's id adds apps and users to it.
func LoadDirectory(path string) (*Directory, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read emulator config: %w", err)
	}
	var extra Directory
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&extra); err != nil {
		return nil, fmt.Errorf("emulator config %s: %w (the format is in README.md, section Emulator, Config file)", path, err)
	}
	d := DemoDirectory()
	for _, t := range extra.Tenants {
		if cur := d.tenant(t.ID); cur != nil {
			cur.Apps = append(cur.Apps, t.Apps...)
			cur.Users = append(cur.Users, t.Users...)
			continue
		}
		d.Tenants = append(d.Tenants, t)
	}
	if err := d.prepare(); err != nil {
		return nil, fmt.Errorf("emulator config %s: %w", path, err)
	}
	return d, nil
}

// prepare validates the directory and indexes certificate thumbprints.
func (d *Directory) prepare() error {
	seen := map[string]bool{}
	for _, t := range d.Tenants {
		if t.ID == "" {
			return errors.New("a tenant has no id")
		}
		t.ID = strings.ToLower(t.ID)
		for _, a := range t.Apps {
			if a.ClientID == "" {
				return fmt.Errorf("tenant %s: an app has no clientId", t.ID)
			}
			key := strings.ToLower(a.ClientID) // lookups ignore case
			if seen[key] {
				return fmt.Errorf("tenant %s: clientId %s is registered twice", t.ID, a.ClientID)
			}
			seen[key] = true
			if err := a.indexCertificates(); err != nil {
				return fmt.Errorf("tenant %s app %s: %w", t.ID, a.ClientID, err)
			}
		}
		for _, u := range t.Users {
			if u.UPN == "" || u.ObjectID == "" {
				return fmt.Errorf("tenant %s: every user needs upn and objectId", t.ID)
			}
		}
	}
	return nil
}

func (a *App) indexCertificates() error {
	a.thumbprints = map[string]*x509.Certificate{}
	for i, p := range a.Certificates {
		block, _ := pem.Decode([]byte(p))
		if block == nil || block.Type != "CERTIFICATE" {
			return fmt.Errorf("certificates[%d] is not a PEM CERTIFICATE block", i)
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return fmt.Errorf("certificates[%d]: %w", i, err)
		}
		s1 := sha1.Sum(cert.Raw) //nolint:gosec // x5t is SHA-1 by definition
		s256 := sha256.Sum256(cert.Raw)
		for _, tp := range [][]byte{s1[:], s256[:]} {
			// MSAL encodes thumbprints with standard base64; RFC 7515 says base64url. Accept both.
			a.thumbprints[base64.StdEncoding.EncodeToString(tp)] = cert
			a.thumbprints[base64.RawURLEncoding.EncodeToString(tp)] = cert
		}
	}
	return nil
}

func (d *Directory) tenant(id string) *Tenant {
	for _, t := range d.Tenants {
		if strings.EqualFold(t.ID, id) {
			return t
		}
	}
	return nil
}

func (t *Tenant) app(clientID string) *App {
	for _, a := range t.Apps {
		if strings.EqualFold(a.ClientID, clientID) {
			return a
		}
	}
	return nil
}

func (t *Tenant) user(upn string) *User {
	for _, u := range t.Users {
		if strings.EqualFold(u.UPN, upn) {
			return u
		}
	}
	return nil
}

// userByUPN finds a user in any tenant.
func (d *Directory) userByUPN(upn string) (*Tenant, *User) {
	for _, t := range d.Tenants {
		if u := t.user(upn); u != nil {
			return t, u
		}
	}
	return nil, nil
}

// managedIdentity returns the app a managed identity request names: a user-assigned identity by client id,
// or the first system-assigned one.
func (d *Directory) managedIdentity(clientID string) (*Tenant, *App) {
	for _, t := range d.Tenants {
		for _, a := range t.Apps {
			if (clientID == "" && a.ManagedIdentity) || (clientID != "" && strings.EqualFold(a.ClientID, clientID)) {
				return t, a
			}
		}
	}
	return nil, nil
}
