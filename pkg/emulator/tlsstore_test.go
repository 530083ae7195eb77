package emulator_test

import (
	"bytes"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
)

// verifies reports whether pool accepts ca's serving certificate for host, as a TLS client would.
func verifies(t *testing.T, ca *emulator.CA, pool *x509.CertPool, host string) error {
	t.Helper()
	leaf, err := x509.ParseCertificate(ca.Server.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	_, err = leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: host, CurrentTime: time.Now()})
	return err
}

func TestLoadOrCreateCAReusesTheKeptCA(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data") // created by the call
	now := time.Now()
	first, created, err := emulator.LoadOrCreateCA(dir, now, "emulator")
	if err != nil || !created {
		t.Fatalf("first start: created %v, err %v; want a new CA", created, err)
	}
	onDisk, err := os.ReadFile(filepath.Join(dir, emulator.CACertFile))
	if err != nil || !bytes.Equal(onDisk, first.CertPEM) {
		t.Fatalf("ca.pem on disk differs from the CA served (%v)", err)
	}
	for _, f := range []string{"ca-key.pem", "server-key.pem"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want a key readable by its owner only", f, err, st.Mode().Perm())
		}
	}
	oldPool := x509.NewCertPool()
	oldPool.AppendCertsFromPEM(onDisk)

	// A restart, in a container with another host name.
	second, created, err := emulator.LoadOrCreateCA(dir, now.Add(time.Hour), "emulator-2")
	if err != nil || created {
		t.Fatalf("restart: created %v, err %v; want the kept CA", created, err)
	}
	if !bytes.Equal(second.CertPEM, first.CertPEM) {
		t.Fatal("restart made a new CA; clients holding the old ca.pem would fail")
	}
	for _, host := range []string{"localhost", "emulator-2"} {
		if err := verifies(t, second, oldPool, host); err != nil {
			t.Errorf("the old ca.pem does not verify the restarted emulator as %s: %v", host, err)
		}
	}
	if bytes.Equal(second.Server.Certificate[0], first.Server.Certificate[0]) {
		t.Error("the server certificate was not issued anew for the current host names")
	}
	k1, _ := x509.ParseCertificate(first.Server.Certificate[0])
	k2, _ := x509.ParseCertificate(second.Server.Certificate[0])
	if k1.SerialNumber.Cmp(k2.SerialNumber) == 0 {
		t.Error("two server certificates of one CA share a serial number; browsers reject that")
	}
	if !bytes.Equal(k1.RawSubjectPublicKeyInfo, k2.RawSubjectPublicKeyInfo) {
		t.Error("the server key changed across a restart")
	}
}

func TestLoadOrCreateCARenewsAnExpiringCA(t *testing.T) {
	dir := t.TempDir()
	old, _, err := emulator.LoadOrCreateCA(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// Five years on, the kept CA is about to expire: a new one replaces it rather than serving a dead chain.
	later := time.Now().Add(5*365*24*time.Hour - 24*time.Hour)
	renewed, created, err := emulator.LoadOrCreateCA(dir, later)
	if err != nil || !created || bytes.Equal(renewed.CertPEM, old.CertPEM) {
		t.Fatalf("created %v, err %v, same CA %v; want a new CA", created, err, bytes.Equal(renewed.CertPEM, old.CertPEM))
	}
}

func TestLoadOrCreateCARefusesABrokenFolder(t *testing.T) {
	other := t.TempDir()
	if _, _, err := emulator.LoadOrCreateCA(other, time.Now()); err != nil {
		t.Fatal(err)
	}
	otherCA, _ := os.ReadFile(filepath.Join(other, "ca.pem"))
	tests := []struct {
		name    string
		breakIt func(dir string) error
		want    string
	}{
		{"certificate missing", func(dir string) error { return os.Remove(filepath.Join(dir, "ca.pem")) }, "not its certificate"},
		{"key missing", func(dir string) error { return os.Remove(filepath.Join(dir, "ca-key.pem")) }, "not its key"},
		{"certificate not PEM", func(dir string) error { return os.WriteFile(filepath.Join(dir, "ca.pem"), []byte("hello"), 0o644) }, "no PEM certificate"},
		{"key not PEM", func(dir string) error { return os.WriteFile(filepath.Join(dir, "ca-key.pem"), []byte("hello"), 0o600) }, "no PEM key"},
		{"certificate of another CA", func(dir string) error { return os.WriteFile(filepath.Join(dir, "ca.pem"), otherCA, 0o644) }, "is not the CA of ca-key.pem"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, _, err := emulator.LoadOrCreateCA(dir, time.Now()); err != nil {
				t.Fatal(err)
			}
			if err := tc.breakIt(dir); err != nil {
				t.Fatal(err)
			}
			_, _, err := emulator.LoadOrCreateCA(dir, time.Now())
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "delete "+dir) {
				t.Fatalf("err = %v; want it to say %q and how to start over (delete %s)", err, tc.want, dir)
			}
		})
	}
}
