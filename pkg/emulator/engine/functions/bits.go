package functions

import (
	"math/bits"

	"github.com/quarry-defender/quarry/pkg/emulator/dataset"
)

// longFn registers a long-valued function of long arguments with null propagation.
func longFn(r *Registry, name string, nargs int, f func(x []int64) int64) {
	numericFn(r, name, nargs, kInt, dataset.Long, longOf, func(c *dataset.Column) []int64 { return c.Int }, f)
}

// registerBits adds the binary_* functions security queries use to test flag fields (UserAccountControl,
// access masks).
func registerBits(r *Registry) {
	longFn(r, "binary_and", 2, func(x []int64) int64 { return x[0] & x[1] })
	longFn(r, "binary_or", 2, func(x []int64) int64 { return x[0] | x[1] })
	longFn(r, "binary_xor", 2, func(x []int64) int64 { return x[0] ^ x[1] })
	longFn(r, "binary_not", 1, func(x []int64) int64 { return ^x[0] })
	longFn(r, "binary_shift_left", 2, func(x []int64) int64 { return x[0] << uint64(x[1]&63) })
	longFn(r, "binary_shift_right", 2, func(x []int64) int64 { return int64(uint64(x[0]) >> uint64(x[1]&63)) })
	longFn(r, "bitset_count_ones", 1, func(x []int64) int64 { return int64(bits.OnesCount64(uint64(x[0]))) })
}
