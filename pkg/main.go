// Command gpx_quarry is the backend of the Microsoft Defender Advanced Hunting data source for Grafana.
package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/quarry-defender/quarry/pkg/plugin"
)

func main() {
	if err := datasource.Manage("quarry-defender-datasource", plugin.NewFactory(plugin.DefaultProcess()), datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error(err.Error())
		os.Exit(1)
	}
}
