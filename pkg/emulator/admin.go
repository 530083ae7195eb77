package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// Stats returns the counters since start or the last Reset.
func (s *Server) Stats() Stats { return s.stats.snapshot() }

// Reset clears call and CPU budgets, counters and faults, as POST /_emulator/reset does.
func (s *Server) Reset() {
	s.quota.reset()
	s.stats.reset()
	s.faults.clear()
}

// AddFaults schedules faults, as POST /_emulator/faults does, and returns them with their ids.
func (s *Server) AddFaults(fs ...Fault) ([]Fault, error) { return s.faults.add(fs) }

func (s *Server) handleHealthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "limits": s.cfg.Limits.Profile, "days": s.cfg.Days})
}

func (s *Server) handleStats(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Stats())
}

func (s *Server) handleReset(w http.ResponseWriter, _ *http.Request) {
	s.Reset()
	writeJSON(w, http.StatusOK, map[string]any{"reset": true})
}

func (s *Server) handleListFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"faults": s.faults.list()})
}

func (s *Server) handleClearFaults(w http.ResponseWriter, _ *http.Request) {
	s.faults.clear()
	writeJSON(w, http.StatusOK, map[string]any{"faults": []Fault{}})
}

// handleAddFaults takes one fault object or {"faults": [...]}.
func (s *Server) handleAddFaults(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		adminError(w, http.StatusBadRequest, "read body: "+err.Error())
		return
	}
	var list struct {
		Faults []Fault `json:"faults"`
	}
	if err := json.Unmarshal(raw, &list); err != nil || list.Faults == nil {
		var one Fault
		if err := json.Unmarshal(raw, &one); err != nil {
			adminError(w, http.StatusBadRequest, "body must be a fault object or {\"faults\": [...]}: "+err.Error())
			return
		}
		list.Faults = []Fault{one}
	}
	added, err := s.AddFaults(list.Faults...)
	if err != nil {
		adminError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"faults": added})
}

// handleUserToken returns an access token for Grafana's app as the user would hold it after signing in:
// POST /_emulator/users/{upn}/token[?client_id=...&audience=client|api].
func (s *Server) handleUserToken(w http.ResponseWriter, r *http.Request) {
	t, u := s.cfg.Directory.userByUPN(r.PathValue("upn"))
	if u == nil {
		adminError(w, http.StatusNotFound, "no user "+r.PathValue("upn")+" in any tenant; the demo users are "+DemoAnalystUPN+" and "+DemoHelpdeskUPN)
		return
	}
	clientID := r.URL.Query().Get("client_id")
	if clientID == "" {
		clientID = DemoGrafanaAppID
	}
	aud := clientID
	if r.URL.Query().Get("audience") == "api" {
		aud = "api://" + clientID
	}
	tok, err := s.userToken(baseURL(r), t, u, clientID, aud, []string{"user_impersonation"})
	if err != nil {
		adminError(w, http.StatusInternalServerError, "mint token: "+err.Error())
		return
	}
	writeTokenResponse(w, tok)
}

// handleFederatedToken mints a workload identity token (what Kubernetes would project into
// AZURE_FEDERATED_TOKEN_FILE) signed by the emulator as FederationIssuer. Body (optional):
// {"subject": "...", "audience": "..."}.
func (s *Server) handleFederatedToken(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Subject  string `json:"subject"`
		Audience string `json:"audience"`
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if len(strings.TrimSpace(string(raw))) > 0 {
		if err := json.Unmarshal(raw, &in); err != nil {
			adminError(w, http.StatusBadRequest, "body must be {\"subject\": \"...\", \"audience\": \"...\"}: "+err.Error())
			return
		}
	}
	if in.Subject == "" {
		in.Subject = DemoFederatedSubject
	}
	if in.Audience == "" {
		in.Audience = federatedAudience
	}
	tok, err := s.mint(claims{"iss": FederationIssuer, "sub": in.Subject, "aud": in.Audience})
	if err != nil {
		adminError(w, http.StatusInternalServerError, "mint token: "+err.Error())
		return
	}
	writeTokenResponse(w, tok)
}

func adminError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"message": msg}})
}
