package emulator

import (
	"net/http"
	"strings"
)

// Server is the emulator's HTTP handler. It is safe for concurrent use.
type Server struct {
	cfg    Config
	signer *signer
	quota  *quotas
	faults *faultBook
	stats  *statsBook
	mux    *http.ServeMux
	// mdeOnly are the tables Graph and XDR do not serve.
	mdeOnly map[string]bool
}

// New builds a Server from cfg.
func New(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	sg, err := newSigner(cfg.SigningKey)
	if err != nil {
		return nil, err
	}
	mdeOnly, err := mdeOnlyTables()
	if err != nil {
		return nil, err
	}
	s := &Server{
		mdeOnly: mdeOnly,
		cfg:     cfg,
		signer:  sg,
		quota:   newQuotas(cfg.Limits),
		faults:  newFaultBook(cfg.FaultSeed),
		stats:   newStatsBook(),
		mux:     http.NewServeMux(),
	}
	s.routes()
	return s, nil
}

// Limits returns the limits the server enforces.
func (s *Server) Limits() Limits { return s.cfg.Limits }

func (s *Server) routes() {
	m := s.mux
	// The three hunting APIs at Microsoft's paths (and the 2018 beta spellings of the MDE call).
	for _, p := range apiPaths {
		m.Handle(p.method+" "+p.path, s.huntingHandler(p.api))
	}

	// Sign-in.
	m.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", s.handleOpenIDConfig)
	m.HandleFunc("GET /{tenant}/.well-known/openid-configuration", s.handleOpenIDConfig)
	m.HandleFunc("GET /{tenant}/discovery/v2.0/keys", s.handleJWKS)
	m.HandleFunc("GET /{tenant}/discovery/keys", s.handleJWKS)
	m.HandleFunc("GET /common/discovery/instance", s.handleInstanceDiscovery)
	m.HandleFunc("POST /{tenant}/oauth2/v2.0/token", s.handleToken)
	m.HandleFunc("POST /{tenant}/oauth2/token", s.handleToken)
	m.HandleFunc("GET /msi/token", s.handleManagedIdentity)

	// Admin.
	m.HandleFunc("GET /_emulator/healthz", s.handleHealthz)
	m.HandleFunc("GET /_emulator/stats", s.handleStats)
	m.HandleFunc("POST /_emulator/reset", s.handleReset)
	m.HandleFunc("GET /_emulator/faults", s.handleListFaults)
	m.HandleFunc("POST /_emulator/faults", s.handleAddFaults)
	m.HandleFunc("DELETE /_emulator/faults", s.handleClearFaults)
	m.HandleFunc("POST /_emulator/users/{upn}/token", s.handleUserToken)
	m.HandleFunc("POST /_emulator/federated-token", s.handleFederatedToken)
	m.HandleFunc("/", s.handleUnknown)
}

// handleUnknown answers what no route serves in the error envelope the path's API uses: 405 for a known
// API path called with another method, 404 otherwise.
func (s *Server) handleUnknown(w http.ResponseWriter, r *http.Request) {
	api := apiMDE
	if strings.HasPrefix(r.URL.Path, "/v1.0/") || strings.HasPrefix(r.URL.Path, "/beta/") {
		api = apiGraph
	}
	for _, p := range apiPaths {
		if p.path == r.URL.Path {
			w.Header().Set("Allow", p.method)
			writeAPIError(w, r, api, &apiError{Status: http.StatusMethodNotAllowed, Code: "MethodNotAllowed",
				Message: "The requested resource does not support http method '" + r.Method + "'."}, s.cfg.Clock.Now())
			return
		}
	}
	writeAPIError(w, r, api, &apiError{Status: http.StatusNotFound, Code: "ResourceNotFound",
		Message: "Resource not found: " + r.URL.Path}, s.cfg.Clock.Now())
}

var apiPaths = []struct {
	method, path string
	api          apiKind
}{
	{"POST", "/v1.0/security/runHuntingQuery", apiGraph},
	{"POST", "/beta/security/runHuntingQuery", apiGraphBeta},
	{"POST", "/api/advancedhunting/run", apiXDR},
	{"POST", "/api/advancedqueries/run", apiMDE},
	{"POST", "/api/advancedqueries/query", apiMDE},
	{"POST", "/advancedqueries/query", apiMDE},
	{"GET", "/api/advancedqueries", apiMDEGet},
}

// ServeHTTP serves every route. The hunting API paths match without regard to case, as on Microsoft's
// servers (Graph and ASP.NET route case-insensitively).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.cfg.Logger.Debug("request", "method", r.Method, "path", r.URL.Path)
	for _, p := range apiPaths {
		if p.path != r.URL.Path && strings.EqualFold(p.path, r.URL.Path) {
			r.URL.Path, r.URL.RawPath = p.path, ""
			break
		}
	}
	s.mux.ServeHTTP(w, r)
}

// baseURL is the scheme and host the client used to reach us: issuers and discovery documents are built
// from it because MSAL insists the issuer's host matches the authority's.
func baseURL(r *http.Request) string {
	scheme := "https"
	if r.TLS == nil {
		scheme = "http"
	}
	return scheme + "://" + strings.ToLower(r.Host)
}
