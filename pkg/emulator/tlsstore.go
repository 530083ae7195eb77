package emulator

import (
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Files of the -data-dir. The CA certificate is public (clients are given it); the keys are readable by
// the emulator's user only.
const (
	CACertFile    = "ca.pem"
	caKeyFile     = "ca-key.pem"
	serverKeyFile = "server-key.pem"
)

// LoadOrCreateCA returns the CA kept in dir, creating dir and a new CA (and server key) when it holds none,
// or when the kept CA expires within caRenewBefore. The server certificate is issued anew at every start
// for the current hosts (a container's host name changes when it is recreated), signed by the kept CA, so
// clients that trust dir/ca.pem keep trusting a restarted emulator. created says whether a new CA was
// made (clients must then be given the new ca.pem).
func LoadOrCreateCA(dir string, now time.Time, hosts ...string) (ca *CA, created bool, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil { //nolint:gosec // ca.pem in it is for clients to read
		return nil, false, fmt.Errorf("-data-dir: %w", err)
	}
	caCert, caKey, err := loadCA(dir, now)
	if err != nil {
		return nil, false, err
	}
	if caCert == nil {
		if caCert, caKey, err = newRootCA(now); err != nil {
			return nil, false, err
		}
		if err := writeKey(dir, caKeyFile, caKey); err != nil {
			return nil, false, err
		}
		if err := writeAtomic(filepath.Join(dir, CACertFile), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caCert.Raw}), 0o644); err != nil {
			return nil, false, err
		}
		// A new CA with an old server key would work, but a fresh start should leave nothing of the old one.
		if err := os.Remove(filepath.Join(dir, serverKeyFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, false, fmt.Errorf("-data-dir: %w", err)
		}
		created = true
	}
	leafKey, err := readKey(dir, serverKeyFile)
	if errors.Is(err, fs.ErrNotExist) {
		if leafKey, err = newKey("server"); err == nil {
			err = writeKey(dir, serverKeyFile, leafKey)
		}
	}
	if err != nil {
		return nil, false, err
	}
	ca, err = issueServer(caCert, caKey, leafKey, hosts, now)
	return ca, created, err
}

// loadCA reads the kept CA; (nil, nil, nil) means there is none to reuse (never created, or expiring).
// Anything half there or unreadable is an error naming the file, rather than a silently new CA that every
// client configured with the old one would reject.
func loadCA(dir string, now time.Time) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	certPath := filepath.Join(dir, CACertFile)
	b, certErr := os.ReadFile(certPath)
	key, keyErr := readKey(dir, caKeyFile)
	switch {
	case errors.Is(certErr, fs.ErrNotExist) && errors.Is(keyErr, fs.ErrNotExist):
		return nil, nil, nil
	case certErr != nil:
		return nil, nil, fmt.Errorf("-data-dir: %w (the CA key is there but not its certificate; delete %s to make a new CA)", certErr, dir)
	case errors.Is(keyErr, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("%w (the CA certificate is there but not its key; delete %s to make a new CA)", keyErr, dir)
	case keyErr != nil:
		return nil, nil, keyErr
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, nil, fmt.Errorf("-data-dir: %s holds no PEM certificate; delete %s to make a new CA", certPath, dir)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("-data-dir: %s: %w; delete %s to make a new CA", certPath, err, dir)
	}
	if pub, ok := cert.PublicKey.(*ecdsa.PublicKey); !ok || !pub.Equal(&key.PublicKey) || !cert.IsCA {
		return nil, nil, fmt.Errorf("-data-dir: %s is not the CA of %s; delete %s to make a new CA", certPath, caKeyFile, dir)
	}
	if now.Add(caRenewBefore).After(cert.NotAfter) {
		return nil, nil, nil
	}
	return cert, key, nil
}

func readKey(dir, name string) (*ecdsa.PrivateKey, error) {
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-data-dir: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("-data-dir: %s holds no PEM key; delete %s to make a new CA", path, dir)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("-data-dir: %s: %w; delete %s to make a new CA", path, err, dir)
	}
	ec, ok := k.(*ecdsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("-data-dir: %s is a %T, not the ECDSA key the emulator writes; delete %s to make a new CA", path, k, dir)
	}
	return ec, nil
}

func writeKey(dir, name string, k *ecdsa.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return fmt.Errorf("encode %s: %w", name, err)
	}
	return writeAtomic(filepath.Join(dir, name), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

// writeAtomic replaces path in one step, so a client reading ca.pem while the emulator starts never sees
// half a file.
func writeAtomic(path string, b []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("-data-dir: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("-data-dir: write %s: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("-data-dir: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("-data-dir: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("-data-dir: %w", err)
	}
	return nil
}
