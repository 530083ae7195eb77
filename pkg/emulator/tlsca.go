package emulator

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"
)

// CA is the emulator's certificate authority and a server certificate it issued. Clients trust the
// emulator by trusting CertPEM (written to -ca-out and to the -data-dir), the way a company CA would be
// configured in Grafana.
type CA struct {
	// CertPEM is the CA certificate in PEM form.
	CertPEM []byte
	// Pool holds the CA certificate.
	Pool *x509.CertPool
	// Server is the emulator's serving certificate (for every host given to NewCA plus loopback names).
	Server tls.Certificate
}

// caLifetime is how long a generated CA is valid; a persisted CA closer than caRenewBefore to its end is
// replaced at start, so a long-lived data folder never serves an expired chain.
const (
	caLifetime    = 5 * 365 * 24 * time.Hour
	caRenewBefore = 30 * 24 * time.Hour
)

// NewCA makes a fresh CA and a serving certificate for hosts (names or IP addresses), always including
// localhost, 127.0.0.1 and ::1. ECDSA P-256 keys keep start-up fast.
func NewCA(hosts ...string) (*CA, error) {
	caCert, caKey, err := newRootCA(time.Now())
	if err != nil {
		return nil, err
	}
	leafKey, err := newKey("server")
	if err != nil {
		return nil, err
	}
	return issueServer(caCert, caKey, leafKey, hosts, time.Now())
}

func newKey(what string) (*ecdsa.PrivateKey, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate %s key: %w", what, err)
	}
	return k, nil
}

// randomSerial is a 128-bit serial: a CA that outlives restarts issues a new server certificate each start,
// and clients (Firefox among them) reject two different certificates with one issuer and serial.
func randomSerial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, fmt.Errorf("certificate serial: %w", err)
	}
	return n, nil
}

func newRootCA(now time.Time) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	key, err := newKey("CA")
	if err != nil {
		return nil, nil, err
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "Quarry hunting emulator CA", Organization: []string{"Quarry"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(caLifetime),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("create CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("parse CA certificate: %w", err)
	}
	return cert, key, nil
}

// issueServer signs a serving certificate for leafKey, valid for hosts and the loopback names for a year,
// or until the CA expires if that comes first (a leaf may not outlive its issuer).
func issueServer(caCert *x509.Certificate, caKey, leafKey *ecdsa.PrivateKey, hosts []string, now time.Time) (*CA, error) {
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "hunting-emulator"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if tmpl.NotAfter.After(caCert.NotAfter) {
		tmpl.NotAfter = caCert.NotAfter
	}
	for _, h := range append([]string{"localhost", "127.0.0.1", "::1"}, hosts...) {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else if h != "" {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("create server certificate: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	return &CA{
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caCert.Raw}),
		Pool:    pool,
		Server:  tls.Certificate{Certificate: [][]byte{der, caCert.Raw}, PrivateKey: leafKey},
	}, nil
}
