package hunting

import (
	"errors"
	"io"
)

// Decode reads one hunting response body and returns its rows as a typed frame (see DESIGN.md section 3).
func Decode(r io.Reader) (*Result, error) {
	return nil, errors.New("hunting: decoder not implemented yet")
}
