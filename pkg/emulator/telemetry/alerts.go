package telemetry

import (
	"fmt"
	"strings"
)

// alert is one AlertInfo row with its AlertEvidence rows.
type alert struct {
	id, title, category, severity, service, detection string
	techniques                                        []string
	ts                                                int64
	evidence                                          []evidence
	// Behaviors (BehaviorInfo) only.
	description, action, dataSources string
	start, end                       int64
}

// evidence is one entity of an alert. Only the fields of its EntityType are set.
type evidence struct {
	entityType, role                string
	dev                             *device
	file                            *file
	proc                            *proc
	acct                            *account
	remoteIP, remoteURL             string
	messageID, subject              string
	application, oauthAppID, family string
	applicationID                   int64
	reg                             *regInfo
	additional                      string
}

// Detection products as AlertInfo names them.
const (
	srcMDE  = "Microsoft Defender for Endpoint"
	srcMDO  = "Microsoft Defender for Office 365"
	srcMDCA = "Microsoft Defender for Cloud Apps"
	srcMDI  = "Microsoft Defender for Identity"
)

// raise records an alert; the id prefix follows the product (da = endpoint, fa = Office, ca = cloud apps,
// aa = identity) as the real ids do.
func (g *generator) raise(ts int64, service, detection, title, category, severity string, techniques []string, ev ...evidence) *alert {
	prefix := map[string]string{srcMDE: "da", srcMDO: "fa", srcMDCA: "ca", srcMDI: "aa", "behavior": "ba"}[service]
	a := &alert{
		id: fmt.Sprintf("%s%d_%d", prefix, ts/100, -(1_000_000_000 + len(g.alerts)*7_919_113%1_000_000_000)), ts: ts,
		title: title, category: category, severity: severity, service: service, detection: detection, techniques: techniques, evidence: ev,
	}
	g.alerts = append(g.alerts, a)
	return a
}

func jsonList(xs []string) string {
	if len(xs) == 0 {
		return "[]"
	}
	return `["` + strings.Join(xs, `","`) + `"]`
}

// alertTables writes AlertInfo and AlertEvidence from the raised alerts.
func (g *generator) alertTables() {
	info, ev := g.builders["AlertInfo"], g.builders["AlertEvidence"]
	write(g, g.alerts, info, ev)
	write(g, g.behaviors, g.builders["BehaviorInfo"], g.builders["BehaviorEntities"])
}

// write adds each alert (or behavior) row and its evidence (entity) rows.
func write(g *generator, alerts []*alert, info, ev *builder) {
	var netScratch netInfo
	for _, a := range alerts {
		if !g.inWindow(a.ts) {
			continue
		}
		r := g.reset(a.ts, nil, a.action)
		r.alert = a
		if len(a.evidence) > 0 {
			r.acct = a.evidence[0].acct
		}
		info.add(r)
		for i := range a.evidence {
			e := &a.evidence[i]
			r := g.reset(a.ts, e.dev, a.action)
			r.alert, r.ev, r.file, r.acct, r.reg = a, e, e.file, e.acct, e.reg
			if e.proc != nil {
				r.proc = e.proc
				if r.acct == nil {
					r.acct = e.proc.acct
				}
			}
			if e.remoteIP != "" || e.remoteURL != "" || e.dev != nil {
				netScratch = netInfo{remoteIP: e.remoteIP, remoteURL: e.remoteURL}
				if e.dev != nil {
					netScratch.localIP = e.dev.ip
				}
				r.net = &netScratch
			}
			r.additional = e.additional
			ev.add(r)
		}
	}
}

func alertFields() fields {
	a := func(get func(*alert) string) cell {
		return str(func(r *row) string {
			if r.alert == nil {
				return ""
			}
			return get(r.alert)
		})
	}
	e := func(get func(*evidence) string) cell {
		return str(func(r *row) string {
			if r.ev == nil {
				return ""
			}
			return get(r.ev)
		})
	}
	return fields{
		"AlertId":          a(func(x *alert) string { return x.id }),
		"Title":            a(func(x *alert) string { return x.title }),
		"Category":         a(func(x *alert) string { return x.category }),
		"Categories":       a(func(x *alert) string { return jsonList([]string{x.category}) }),
		"Severity":         a(func(x *alert) string { return x.severity }),
		"ServiceSource":    a(func(x *alert) string { return x.service }),
		"DetectionSource":  a(func(x *alert) string { return x.detection }),
		"AttackTechniques": a(func(x *alert) string { return jsonList(x.techniques) }),
		"EntityType":       e(func(x *evidence) string { return x.entityType }),
		"EntityRole":       e(func(x *evidence) string { return x.role }),
		"BehaviorId":       a(func(x *alert) string { return x.id }),
		"Description":      a(func(x *alert) string { return x.description }),
		"DataSources":      a(func(x *alert) string { return x.dataSources }),
		"StartTime": num(func(r *row) (int64, bool) {
			if r.alert == nil || r.alert.start == 0 {
				return 0, false
			}
			return r.alert.start, true
		}),
		"EndTime": num(func(r *row) (int64, bool) {
			if r.alert == nil || r.alert.end == 0 {
				return 0, false
			}
			return r.alert.end, true
		}),
		"EvidenceRole":       e(func(x *evidence) string { return x.role }),
		"EvidenceDirection":  e(func(x *evidence) string { return evidenceDirection(x) }),
		"ThreatFamily":       e(func(x *evidence) string { return x.family }),
		"NetworkMessageId":   e(func(x *evidence) string { return x.messageID }),
		"EmailSubject":       e(func(x *evidence) string { return x.subject }),
		"Application":        e(func(x *evidence) string { return x.application }),
		"OAuthApplicationId": e(func(x *evidence) string { return x.oauthAppID }),
		"ApplicationId": num(func(r *row) (int64, bool) {
			if r.ev == nil || r.ev.applicationID == 0 {
				return 0, false
			}
			return r.ev.applicationID, true
		}),
		"ProcessCommandLine": str(func(r *row) string {
			if r.proc == nil {
				return ""
			}
			return r.proc.cmd
		}),
	}
}

func evidenceDirection(e *evidence) string {
	if e.entityType == "Ip" || e.entityType == "Url" {
		return "Destination"
	}
	return ""
}

// behave records a behavior (BehaviorInfo/BehaviorEntities): an observation spanning [start, end] that is not
// an alert by itself.
func (g *generator) behave(start, end int64, service, detection, action, title, description, category string, techniques []string, ev ...evidence) {
	b := &alert{
		id: fmt.Sprintf("ba%d_%d", start/100, len(g.behaviors)+1), ts: end, start: start, end: end, title: title, category: category,
		service: service, detection: detection, techniques: techniques, evidence: ev, description: description, action: action,
		dataSources: `["Microsoft Defender for Cloud Apps"]`,
	}
	g.behaviors = append(g.behaviors, b)
}
