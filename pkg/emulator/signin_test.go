package emulator_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

const certAppID = "00000000-0000-4000-8000-0000000000c1"

// selfSignedCert makes the key and certificate an app registers for certificate sign-in.
func selfSignedCert(t *testing.T) (*x509.Certificate, *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "quarry test app"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

// directoryWithCertApp is the demo directory plus an app that signs in with cert.
func directoryWithCertApp(cert *x509.Certificate) *emulator.Directory {
	d := emulator.DemoDirectory()
	d.Tenants[0].Apps = append(d.Tenants[0].Apps, &emulator.App{
		ClientID:     certAppID,
		Certificates: []string{string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}))},
		Roles:        []string{emulator.PermGraph, emulator.PermXDRApp, emulator.PermMDEApp},
	})
	return d
}

func msalClient(t *testing.T, emu *emulatortest.Emulator, clientID string, cred confidential.Credential) confidential.Client {
	t.Helper()
	c, err := confidential.New(emu.Authority(""), clientID, cred,
		confidential.WithInstanceDiscovery(false), confidential.WithHTTPClient(emu.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// apiWorks runs a query with token on the API the scope names and fails unless it answers 200.
func apiWorks(t *testing.T, emu *emulatortest.Emulator, scope, token string) {
	t.Helper()
	path := map[string]string{graphScope: "/v1.0/security/runHuntingQuery", xdrScope: "/api/advancedhunting/run",
		mdeScope: "/api/advancedqueries/run"}[scope]
	if status, _, b := emu.Call(t, "POST", path, token, `{"Query":"DeviceProcessEvents | take 1"}`); status != 200 {
		t.Fatalf("%s with the MSAL token: %d %s", path, status, b)
	}
}

func TestMSALSignIn(t *testing.T) {
	cert, key := selfSignedCert(t)
	otherCert, otherKey := selfSignedCert(t)
	emu := emulatortest.Start(t, emulatortest.WithDirectory(directoryWithCertApp(cert)))
	secret := func(s string) confidential.Credential {
		c, err := confidential.NewCredFromSecret(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	certCred := func(c *x509.Certificate, k *rsa.PrivateKey) confidential.Credential {
		cred, err := confidential.NewCredFromCert([]*x509.Certificate{c}, k)
		if err != nil {
			t.Fatal(err)
		}
		return cred
	}
	federated := func(subject string) confidential.Credential {
		return confidential.NewCredFromAssertionCallback(func(context.Context, confidential.AssertionRequestOptions) (string, error) {
			return emu.FederatedToken(t, subject), nil
		})
	}
	tests := []struct {
		name, clientID string
		cred           confidential.Credential
		scope          string
		wantErr        string
	}{
		{"client secret", emulator.DemoReaderAppID, secret(emulator.DemoSecret), graphScope, ""},
		{"wrong secret", emulator.DemoReaderAppID, secret("nope"), graphScope, "AADSTS7000215"},
		{"unknown app", "00000000-0000-4000-8000-0000000000ff", secret(emulator.DemoSecret), graphScope, "AADSTS700016"},
		{"certificate", certAppID, certCred(cert, key), mdeScope, ""},
		{"unregistered certificate", certAppID, certCred(otherCert, otherKey), mdeScope, "AADSTS700027"},
		{"federated token", emulator.DemoReaderAppID, federated(""), xdrScope, ""},
		{"federated token with another subject", emulator.DemoReaderAppID, federated("system:serviceaccount:x:y"), xdrScope, "AADSTS700213"},
		{"unknown resource", emulator.DemoReaderAppID, secret(emulator.DemoSecret), "https://management.azure.com/.default", "AADSTS500011"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := msalClient(t, emu, tc.clientID, tc.cred).AcquireTokenByCredential(context.Background(), []string{tc.scope})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			apiWorks(t, emu, tc.scope, res.AccessToken)
		})
	}
}

func TestMSALOnBehalfOf(t *testing.T) {
	emu := emulatortest.Start(t)
	secret, err := confidential.NewCredFromSecret(emulator.DemoSecret)
	if err != nil {
		t.Fatal(err)
	}
	grafana := msalClient(t, emu, emulator.DemoGrafanaAppID, secret)
	res, err := grafana.AcquireTokenOnBehalfOf(context.Background(), emu.UserToken(t, emulator.DemoHelpdeskUPN), []string{graphScope})
	if err != nil {
		t.Fatal(err)
	}
	apiWorks(t, emu, graphScope, res.AccessToken)
	if emu.Server.Stats().Users[emulator.DemoHelpdeskUPN].Calls != 1 {
		t.Errorf("the call was not counted for the user: %+v", emu.Server.Stats().Users)
	}

	// An app the user's token was not issued to cannot exchange it.
	noPerm := msalClient(t, emu, emulator.DemoNoPermAppID, secret)
	if _, err := noPerm.AcquireTokenOnBehalfOf(context.Background(), emu.UserToken(t, emulator.DemoHelpdeskUPN), []string{graphScope}); err == nil ||
		!strings.Contains(err.Error(), "AADSTS50013") {
		t.Fatalf("on-behalf-of by another app: err = %v, want AADSTS50013 (audience)", err)
	}
}

func TestMSALManagedIdentity(t *testing.T) {
	emu := emulatortest.Start(t)
	t.Setenv("IDENTITY_ENDPOINT", emu.IdentityEndpoint)
	t.Setenv("IDENTITY_HEADER", emu.IdentityHeader)
	tests := []struct {
		name  string
		id    managedidentity.ID
		scope string
	}{
		{"system-assigned", managedidentity.SystemAssigned(), xdrScope},
		{"user-assigned by client id", managedidentity.UserAssignedClientID(emulator.DemoReaderAppID), mdeScope},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := managedidentity.New(tc.id, managedidentity.WithHTTPClient(emu.Client()), managedidentity.WithRetryPolicyDisabled())
			if err != nil {
				t.Fatal(err)
			}
			if src, err := managedidentity.GetSource(); err != nil || src != managedidentity.AppService {
				t.Fatalf("MSAL detects source %v (%v), want AppService", src, err)
			}
			res, err := c.AcquireToken(context.Background(), tc.scope)
			if err != nil {
				t.Fatal(err)
			}
			apiWorks(t, emu, tc.scope, res.AccessToken)
		})
	}
}

func TestManagedIdentityRejectsAWrongHeader(t *testing.T) {
	emu := emulatortest.Start(t)
	req := "/msi/token?api-version=2019-08-01&resource=https://graph.microsoft.com"
	if status, _, b := emu.Call(t, "GET", req, "", ""); status != 401 {
		t.Fatalf("without X-IDENTITY-HEADER: %d %s, want 401", status, b)
	}
}

// TestV1TokenEndpoint signs in as the 2018 documentation did: the v1 endpoint with resource=.
func TestV1TokenEndpoint(t *testing.T) {
	emu := emulatortest.Start(t)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {emulator.DemoReaderAppID},
		"client_secret": {emulator.DemoSecret}, "resource": {"https://api.securitycenter.windows.com"}}
	resp, err := emu.Client().PostForm(emu.URL+"/"+emulator.DemoTenantID+"/oauth2/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	if out["resource"] != "https://api.securitycenter.windows.com" || out["expires_on"] == "" || out["token_type"] != "Bearer" {
		t.Fatalf("v1 answer %v lacks resource, expires_on or token_type", out)
	}
	apiWorks(t, emu, mdeScope, out["access_token"])
}
