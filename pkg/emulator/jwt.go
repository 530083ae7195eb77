package emulator

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// signer mints and checks the emulator's RS256 tokens. Its key lives as long as the server.
type signer struct {
	key *rsa.PrivateKey
	kid string
}

// newSigner uses key, or a fresh key when key is nil.
func newSigner(key *rsa.PrivateKey) (*signer, error) {
	if key == nil {
		var err error
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return nil, fmt.Errorf("generate token signing key: %w", err)
		}
	}
	sum := sha256.Sum256(key.PublicKey.N.Bytes())
	return &signer{key: key, kid: base64.RawURLEncoding.EncodeToString(sum[:12])}, nil
}

// claims is a token's payload. Numeric dates are Unix seconds.
type claims map[string]any

func (s *signer) sign(c claims) (string, error) {
	header := map[string]string{"alg": "RS256", "typ": "JWT", "kid": s.kid}
	h, err := json.Marshal(header)
	if err != nil {
		return "", fmt.Errorf("encode token header: %w", err)
	}
	p, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode token claims: %w", err)
	}
	signing := b64(h) + "." + b64(p)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, s.key, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return signing + "." + b64(sig), nil
}

// verifies reports whether p names this signer's key (kid) and carries its valid signature.
func (s *signer) verifies(p *parsedJWT) bool {
	kid, _ := p.header["kid"].(string)
	return kid == s.kid && p.verify(&s.key.PublicKey) == nil
}

// jwk is the public key in JWKS form.
func (s *signer) jwk() map[string]any {
	pub := s.key.PublicKey
	return map[string]any{
		"kty": "RSA", "use": "sig", "alg": "RS256", "kid": s.kid,
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
	}
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// parsedJWT is a compact JWT split into its parts, signature not yet checked.
type parsedJWT struct {
	header  map[string]any
	claims  claims
	signing string
	sig     []byte
}

func parseJWT(tok string) (*parsedJWT, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a compact JWT (want three dot-separated parts)")
	}
	var p parsedJWT
	for i, dst := range []any{&p.header, &p.claims} {
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[i], "="))
		if err != nil {
			return nil, fmt.Errorf("JWT part %d is not base64url: %w", i+1, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.UseNumber()
		if err := dec.Decode(dst); err != nil {
			return nil, fmt.Errorf("JWT part %d is not a JSON object: %w", i+1, err)
		}
	}
	sig, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[2], "="))
	if err != nil {
		return nil, fmt.Errorf("JWT signature is not base64url: %w", err)
	}
	p.signing, p.sig = parts[0]+"."+parts[1], sig
	return &p, nil
}

// verify checks the signature with pub; RS256 and PS256 are accepted (MSAL signs certificate assertions
// with PS256 for Entra ID authorities).
func (p *parsedJWT) verify(pub *rsa.PublicKey) error {
	sum := sha256.Sum256([]byte(p.signing))
	switch alg, _ := p.header["alg"].(string); alg {
	case "RS256":
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], p.sig); err != nil {
			return fmt.Errorf("signature: %w", err)
		}
	case "PS256":
		if err := rsa.VerifyPSS(pub, crypto.SHA256, sum[:], p.sig, nil); err != nil {
			return fmt.Errorf("signature: %w", err)
		}
	default:
		return fmt.Errorf("unsupported JWT alg %q (want RS256 or PS256)", alg)
	}
	return nil
}

func (p *parsedJWT) str(name string) string {
	s, _ := p.claims[name].(string)
	return s
}

// unix reads a NumericDate claim; ok is false when it is missing or not a number.
func (p *parsedJWT) unix(name string) (time.Time, bool) {
	n, ok := p.claims[name].(json.Number)
	if !ok {
		return time.Time{}, false
	}
	f, err := n.Float64()
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(int64(f), 0), true
}

// checkTimes enforces exp (required) and nbf (optional) with a small skew allowance.
func (p *parsedJWT) checkTimes(now time.Time) error {
	const skew = 5 * time.Minute
	exp, ok := p.unix("exp")
	if !ok {
		return errors.New("token has no exp claim")
	}
	if now.After(exp.Add(skew)) {
		return fmt.Errorf("token expired at %s", exp.UTC().Format(time.RFC3339))
	}
	if nbf, ok := p.unix("nbf"); ok && now.Add(skew).Before(nbf) {
		return fmt.Errorf("token is not valid before %s", nbf.UTC().Format(time.RFC3339))
	}
	return nil
}

// audiences returns aud as a list (it may be a string or an array).
func (p *parsedJWT) audiences() []string {
	if v, ok := p.claims["aud"].(string); ok {
		return []string{v}
	}
	return p.strList("aud")
}

// strList returns the string elements of an array claim such as roles (nil when it is not an array).
func (p *parsedJWT) strList(name string) []string {
	v, ok := p.claims[name].([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(v))
	for _, a := range v {
		if s, ok := a.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
