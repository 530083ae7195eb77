package emulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/quarry-defender/quarry/pkg/emulator"
	"github.com/quarry-defender/quarry/pkg/emulator/emulatortest"
)

// The emulator is an http.Handler: sign in as the demo reader app, then run a hunting query on the
// Defender for Endpoint API.
func ExampleNew() {
	srv, err := emulator.New(emulator.Config{
		Engine: emulatortest.TableEngine{Catalog: emulatortest.SmallCatalog(time.Now())},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(srv) // plain HTTP here; MSAL needs the HTTPS that emulatortest.Start gives
	defer ts.Close()

	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {emulator.DemoReaderAppID},
		"client_secret": {emulator.DemoSecret}, "scope": {"https://api.securitycenter.microsoft.com/.default"}}
	resp, err := http.PostForm(ts.URL+"/"+emulator.DemoTenantID+"/oauth2/v2.0/token", form)
	if err != nil {
		fmt.Println(err)
		return
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()

	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/advancedqueries/run",
		strings.NewReader(`{"Query":"DeviceProcessEvents | take 2"}`))
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var result struct {
		Schema  []struct{ Name, Type string }
		Results []map[string]any
	}
	_ = json.NewDecoder(resp.Body).Decode(&result)
	fmt.Println(resp.StatusCode, len(result.Results), "rows")
	fmt.Println(result.Schema[0].Name, result.Schema[0].Type)
	fmt.Println(result.Results[1]["FileName"], result.Results[1]["ProcessAge"])
	// Output:
	// 200 2 rows
	// Timestamp DateTime
	// cmd.exe 1.01:00:01.5000000
}
