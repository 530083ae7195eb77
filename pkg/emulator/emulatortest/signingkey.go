package emulatortest

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"sync"
)

// testSigningKeyPEM signs the tokens of every emulator that Start runs. Generating a 2048-bit RSA key
// costs up to a second on a busy CI machine, per Start; a fixed key keeps tests fast. It is a test key
// with no use outside an emulator in a test.
const testSigningKeyPEM = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCqY6d28gauzpW+
uIk/VrHNfDDFGq/BxuovjjR/Kzxv2QG3wgjPDSfFEJEqInaJiniTof451mzC4d8o
4xDrx7J8Rs0Gb32o3OCffWd2tF8oOX4Gnyqn7cOKedOIiLTWDxEIqZjTUIzpdgbp
B0RR6HgXTHqJ4Z0s6HcMmVbCuk7P91PWdmEBUDu9xhsa+w3uRFkiKja2UInVNJB7
okVGglZETqYXKHBsySe+QARb7IM0qqm9zr9ixvG0w6k6IULh1v9CmGbcVSdrF2QM
zyR3VDXZhI0BCkmYAyeS5dy8nmPcTwMNZI4kF7NxVFODzjTBrCgcuFH3nRU6LhgM
I6Qvd2VbAgMBAAECggEAP0APAlCFuo5leA74o9KC3kyjrgdiBwTYGh8nza03Gi3s
PVKCAppXkQe9W26/of8NE4Cm5sF6Tj2aoYro1R2kXA3MPf9VHkIgABSFO8NpL31o
Ev0y0HOqitT+eUiGGJAvOo/6czcLl/6AQjC4Y89wBPYW5ugheHIy/zJMyqxuZTRG
/LVQY4yMNOBQYP0T8Ufrg8nkjsutKpi75bqwZGDnUec6iyEEdKGOhAKxHG359RLK
KCXdJMtxhH5SINTgZeM72yPl6hS/qBmgZQzqPtMi8vlQOf1bKY4ujqIGgT1oqUbi
XzCJIZkOXdu71f0cPD/TC2LO6T6HbV/xCSdpuhgiAQKBgQDj4s1P64yK9tt+WMCA
BqMeTHz1wdIDnKnhYUE6fPqgOtZvxw32EiRwDwciz3rQOE335v4P8qB+VRHmTCl2
xtKI+sFBfChF3JwVNU3FdBGobRJRJnDBnJ/NitECirv5VrQr8qHuLhT1+sl/+qNE
jHabZPdSUjK1EGG98d3kBOfwoQKBgQC/aPdNmngDQt7FfU9Lq5EZtjg8ZuVwLuH/
WG/LPS8HE1WQ8/hN2JoTzlttIgvwaDwKMz9qCx/m9R7gfJWLAMxgvzbZzP7mIrbR
7ax67A2VMDXs2wvMGOwQPJr8VrcgSVWwEGALGnBYtSb3t1/IH1z0ZbK/XzvmT0Qp
Lk2iLmnIewKBgQC4rn2lX0eu9xA6/MJE/xwC2goLQOBqfPRP6vlp5Q9X+1b9j1wJ
J/rPtd4an/rv9DF7zn/nfMIEn/y5ns+bqtXEnTMxVuVseLUlmuVEOCR3Uq2dhoGq
5ru7X9yzKqvcDiBF3YTN+hqSnoPea8kVLKCSnuiwllzx0CzmOrWQrUkrAQKBgBL4
NSIkv+Ya13cdDyHBtBSnQXWDARQYIV+sBRBQVPvPh7hg5WfZopN57QeoyyQdQG4G
XC+HQLcj7dZzomJvRtIDwUzeixiFsjal5mUcRdBWQdHid43XnnWRfA6sDWQOwIY9
aTdQfHfeJCmCq+Rqb0ztU0SyDH6rtmaaZyk+jk9HAoGAASYB+2vaJMcUaqOrT5HN
9k5wTZ5oLb7buCdo8tGBoz9mO2efYSh4+4yD+Qx9Z/Lp3V7Ufc3jVQvSPa1rPzDc
8fAmsExuAGhPXt7hpG/oecSaA9aoWCDt5PnV0PO0AX1Z1adCfv1/Jp7K6Y4rjuau
nmYtx4GeTJHREBPOyR54wmI=
-----END PRIVATE KEY-----
`

// testSigningKey parses the key once; every emulator shares it (an RSA key is safe for concurrent use).
var testSigningKey = sync.OnceValues(func() (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(testSigningKeyPEM))
	if block == nil {
		return nil, fmt.Errorf("emulatortest: the built-in signing key is not PEM")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("emulatortest: parse the built-in signing key: %w", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("emulatortest: the built-in signing key is %T, want RSA", k)
	}
	return rk, nil
})
