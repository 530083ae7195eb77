package quota

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrDisposed is returned by a Runner after Dispose (the data source's settings changed or it was
// deleted while a query waited).
var ErrDisposed = errors.New("quota: the data source was reconfigured or removed while the query waited; run it again")

// BudgetError says that no call could be made before the request's deadline, which quota is spent and
// when it frees up. It is returned only when no cached result could be served instead.
type BudgetError struct {
	Tenant, Flavor string
	// Quota is the spent quota: "calls per minute", "calls per hour", "CPU", "calls per 15m0s", or ""
	// when the budget had room but the requests queued ahead of this one used it.
	Quota string
	// Limit and Period describe a call quota; zero when unknown (CPU, queue).
	Limit  int
	Period time.Duration
	// Reserved is how many of Limit are kept for alert rules (dashboard queries stop at Limit-Reserved).
	Reserved int
	// FreesAt is when the quota frees up (the next cycle for CPU).
	FreesAt time.Time
	// Throttled is true when Microsoft answered 429 (the tenant's quota, shared with every other app in
	// the tenant); false when the plugin's own budget held the request back before any 429.
	Throttled bool
	// Err is the API's *hunting.QuotaError when Throttled.
	Err error

	now time.Time
}

func (e *BudgetError) Error() string {
	var b strings.Builder
	if e.Throttled {
		fmt.Fprintf(&b, "Microsoft Defender throttled tenant %s", e.Tenant)
		if e.Quota != "" {
			fmt.Fprintf(&b, " (%s quota", e.Quota)
			if e.Limit > 0 {
				fmt.Fprintf(&b, ": %d per %s", e.Limit, e.Period)
			}
			b.WriteString(")")
		}
	} else {
		fmt.Fprintf(&b, "the hunting call budget of tenant %s (%s API) is spent", e.Tenant, e.Flavor)
		switch {
		case e.Limit > 0:
			fmt.Fprintf(&b, ": %d %s", e.Limit, e.Quota)
			if e.Reserved > 0 {
				fmt.Fprintf(&b, ", %d of them kept for alert rules", e.Reserved)
			}
		case e.Quota == "":
			b.WriteString(": queued requests ahead of this one use what is left")
		default:
			fmt.Fprintf(&b, ": %s", e.Quota)
		}
	}
	fmt.Fprintf(&b, "; it frees up at %s", e.FreesAt.UTC().Format("15:04:05 UTC"))
	if !e.now.IsZero() && e.FreesAt.After(e.now) {
		fmt.Fprintf(&b, " (in %s)", e.FreesAt.Sub(e.now).Round(time.Second))
	}
	if e.Throttled {
		b.WriteString(". Other apps in the tenant share this quota: lower the data source's calls per minute to leave them room")
	} else {
		b.WriteString(". Refresh dashboards less often or raise the cache TTL")
	}
	return b.String()
}

func (e *BudgetError) Unwrap() error { return e.Err }

// Downstream is true: the quota is the customer's tenant's, not a plugin fault.
func (e *BudgetError) Downstream() bool { return true }
