package plugin

import (
	"os"
	"time"
)

// DefaultProcess is the process-wide wiring of the real plugin: the real environment and clock.
func DefaultProcess() Process {
	return Process{Getenv: os.Getenv, Now: time.Now}
}
