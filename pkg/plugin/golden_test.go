package plugin

import (
	"flag"
	"os"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/quarry-defender/quarry/pkg/hunting"
)

var update = flag.Bool("update", false, "rewrite the golden frames in testdata/ from QueryData's output")

// TestGoldenFormats decodes testdata/xdr-summarize.json with the real decoder and shapes it through
// QueryData in every format; the frames (fields, types, values, labels, meta, notices) must match the
// golden files. See testdata/README.md.
func TestGoldenFormats(t *testing.T) {
	f, err := os.Open("testdata/xdr-summarize.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := hunting.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{formatTable, formatTimeSeries, formatLogs} {
		t.Run(format, func(t *testing.T) {
			d := newStubbed(t, settingsJSON(`,"api":"xdr","cacheTtlSeconds":0,"rowLimit":4`), &stubRunner{res: res})
			resp := queryOne(t, d, dataQuery("A", `{"queryText":"DeviceProcessEvents | where $__timeFilter() | summarize Count = count() by bin(Timestamp, $__interval), DeviceName, IsElevated","format":"`+format+`"}`,
				testNow.Add(-24*time.Hour), testNow))
			experimental.CheckGoldenJSONResponse(t, "testdata", "xdr-summarize-"+format, &resp, *update)
		})
	}
}
