package auth

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// workloadCredential signs in with a federated token (Azure Workload Identity on Kubernetes): the
// cluster writes a short-lived service account token to a file and rotates it, so the file is read at
// every sign-in rather than once.
func workloadCredential(path string) (credentialFunc, error) {
	if strings.TrimSpace(path) == "" {
		return nil, errors.New("auth: workloadIdentity needs the federated token file; Azure Workload Identity sets AZURE_FEDERATED_TOKEN_FILE in Grafana's environment")
	}
	return func() (confidential.Credential, error) {
		return confidential.NewCredFromAssertionCallback(func(context.Context, confidential.AssertionRequestOptions) (string, error) {
			b, err := os.ReadFile(path)
			if err != nil {
				return "", fmt.Errorf("read the federated token file: %w", err)
			}
			tok := strings.TrimSpace(string(b))
			if tok == "" {
				return "", fmt.Errorf("the federated token file %s is empty", path)
			}
			return tok, nil
		}), nil
	}, nil
}
