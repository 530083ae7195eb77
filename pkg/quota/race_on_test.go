//go:build race

package quota

// raceDetector shortens the load simulation: the race detector slows its HTTP traffic tenfold.
const raceDetector = true
