//go:build !linux

package e2e

import "os/exec"

// dieWithParent is a no-op where the kernel offers no parent-death signal; stop() still ends the
// processes on a normal exit.
func dieWithParent(*exec.Cmd) {}
