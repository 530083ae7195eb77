package telemetry

import (
	"fmt"
	"strings"
	"time"
)

// emailMsg is one message to one recipient, plus the per-row details of its URL, attachment and
// post-delivery rows.
type emailMsg struct {
	id, internetID                         string
	from, fromName, fromDomain, senderIP   string
	senderObjectID                         string
	to                                     *account
	subject, direction, delivery, location string
	threats, threatNames, detection        string
	confidence, auth                       string
	attachments, urls                      int64
	size                                   int64
	firstContact                           bool
	// Row details.
	url, urlDomain, urlLocation string
	urlPos                      int64
	fileType                    string
	pdTrigger, pdResult, pdFrom string
}

type partner struct{ name, domain, ip string }

func partners() []partner {
	return []partner{
		{"Northwind Traders", "northwind.example", "192.0.2.41"}, {"Fabrikam Inc.", "fabrikam.example", "192.0.2.57"},
		{"Adventure Works", "adventure-works.example", "192.0.2.73"}, {"Tailspin Toys", "tailspintoys.example", "192.0.2.88"},
		{"Litware", "litware.example", "192.0.2.102"}, {"Microsoft 365", "microsoft.com", "40.107.22.51"},
		{"LinkedIn", "linkedin.com", "108.174.0.215"}, {"Woodgrove Bank", "woodgrovebank.example", "192.0.2.130"},
	}
}

func subjects() []string {
	return []string{"Weekly sync notes", "Re: contract renewal", "Your order has shipped", "Invoice attached", "Lunch on Friday?",
		"Q3 planning", "FW: customer feedback", "Action required: review access", "Updated agenda", "Re: budget numbers",
		"Meeting recording available", "Welcome to the team", "Security awareness training reminder", "Newsletter - March"}
}

// emailTables generates the mail flow: each user receives a few messages per workday, some with links or
// attachments, some spam that is junked, and the phishing story's messages.
func (g *generator) emailTables() {
	r := newRnd(g.opts.Seed, "email")
	ps, subs := partners(), subjects()
	for _, u := range g.w.users {
		for day := 0; day < g.c.numDays(); day++ {
			n := 3 + r.IntN(5)
			if g.c.weekend(day) {
				n = r.IntN(2)
			}
			for i := 0; i < n; i++ {
				ts, ok := g.c.at(r, day, false)
				if !ok {
					continue
				}
				m := &emailMsg{to: u, subject: pick(r, subs), direction: "Inbound", delivery: "Delivered", location: "Inbox/folder", auth: `{"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}`, confidence: `{"Phish":"Low","Spam":"Low"}`}
				if r.chance(0.35) {
					from := pick(r, g.w.users)
					m.from, m.fromName, m.fromDomain, m.senderIP, m.direction, m.senderObjectID = from.upn, from.display, mailDomain, "10.0.0.25", "Intra-org", from.objectID
				} else {
					p := pick(r, ps)
					m.from, m.fromName, m.fromDomain, m.senderIP = "noreply@"+p.domain, p.name, p.domain, p.ip
					if r.chance(0.08) {
						m.delivery, m.location, m.threats, m.detection, m.confidence = "Junked", "Junk folder", "Spam", `["Mixed analysis detection"]`, `{"Spam":"High"}`
					}
				}
				m.id = guidOf(fmt.Sprintf("msg|%s|%d|%d", u.upn, day, i))
				m.internetID = "<" + m.id[:18] + "@" + m.fromDomain + ">"
				m.size = int64(12_000 + r.IntN(90_000))
				var url string
				if r.chance(0.4) {
					m.urls = 1
					url = "https://www." + m.fromDomain + "/news/" + itoa(int64(r.IntN(40)))
				}
				var att *file
				if r.chance(0.15) {
					m.attachments = 1
					att = dataFile("report-"+itoa(int64(r.IntN(30)))+".pdf", "att|"+m.fromDomain+itoa(int64(r.IntN(30))), int64(40_000+r.IntN(400_000)))
				}
				g.email(ts, m, url, att)
				if url != "" && r.chance(0.2) {
					action := "ClickAllowed"
					if m.threats != "" {
						action = "ClickBlocked"
					}
					g.click(ts+int64(2*time.Minute)+r.Int64N(int64(3*time.Hour)), u, nil, url, m.id, action)
				}
			}
		}
	}
}

// email writes one message's EmailEvents row and its URL and attachment rows.
func (g *generator) email(ts int64, m *emailMsg, url string, att *file) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, nil, "")
	r.email, r.acct = m, m.to
	g.builders["EmailEvents"].add(r)
	if url != "" {
		m.url, m.urlLocation, m.urlPos = url, "Body", 0
		m.urlDomain = strings.SplitN(strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://"), "/", 2)[0]
		r := g.reset(ts, nil, "")
		r.email = m
		g.builders["EmailUrlInfo"].add(r)
	}
	if att != nil {
		m.fileType = strings.TrimPrefix(att.name[strings.LastIndex(att.name, "."):], ".")
		r := g.reset(ts, nil, "")
		r.email, r.acct, r.file = m, m.to, att
		g.builders["EmailAttachmentInfo"].add(r)
	}
}

// phishingStory: an invoice lure with a macro document and a link reaches three users; the victim clicks the
// link (Safe Links allows it), downloads the document with Edge, and Defender for Office later removes the
// messages (ZAP). Returns when the victim opens the document.
func (g *generator) phishingStory(c storyCast) int64 {
	d, u := c.victim, c.victim.owner
	sent := c.base - int64(40*time.Minute)
	url := "https://" + phishDomain + "/portal/invoice/4821"
	doc := dataFile("Invoice_4821.docm", "phish-docm", 48_213)
	recipients := []*account{u, g.w.users[min(3, len(g.w.users)-1)], g.w.users[min(4, len(g.w.users)-1)]}
	var msgs []*emailMsg
	for i, to := range recipients {
		m := &emailMsg{
			id: guidOf(fmt.Sprintf("phish|%d", i)), from: phishSender, fromName: "Fabrikam Billing", fromDomain: phishDomain,
			senderIP: phishIP, to: to, subject: "Overdue invoice #4821 - action required", direction: "Inbound",
			delivery: "Delivered", location: "Inbox/folder", attachments: 1, urls: 1, size: 96_412, firstContact: true,
			auth: `{"SPF":"pass","DKIM":"none","DMARC":"none","CompAuth":"fail"}`, confidence: `{"Phish":"Low","Spam":"Low"}`,
		}
		m.internetID = "<" + m.id[:18] + "@" + phishDomain + ">"
		g.email(sent+int64(i)*int64(sec), m, url, doc)
		msgs = append(msgs, m)
		if ts := sent + int64(i)*int64(sec); g.inWindow(ts) {
			r := g.reset(ts, nil, "")
			r.email, r.acct = m, to
			g.builders["CampaignInfo"].add(r)
		}
	}
	clicked := c.base - int64(12*time.Minute)
	g.click(clicked, u, d, url, msgs[0].id, "ClickAllowed")
	outlook := g.newProc(d, g.sessionProc(d, clicked), iOutlook, `"`+d.images[iOutlook].path+`" `, u, clicked-int64(time.Hour))
	g.devEvent(d, outlook, clicked, "BrowserLaunchedToOpenUrl", func(r *row) {
		g.net = netInfo{remoteURL: url}
		r.net = &g.net
	})
	edge := g.spawn(d, outlook, iMsedge, `"`+d.images[iMsedge].path+`" --single-argument `+url, u, clicked+int64(sec))
	g.connect(d, edge, clicked+int64(2*sec), "ConnectionSuccess", phishIP, phishDomain, 443)
	dl := dataFile(`C:\Users\`+u.profile+`\Downloads\Invoice_4821.docm`, "phish-docm", 48_213)
	g.fileEvent(d, edge, clicked+int64(20*sec), "FileCreated", dl, func(r *row) {
		r.originURL, r.originIP, r.referrer = url+"/Invoice_4821.docm", phishIP, url
	})
	zap := c.base + int64(5*time.Hour)
	for _, m := range msgs {
		if !g.inWindow(zap) {
			break
		}
		m.location, m.pdTrigger, m.pdResult, m.threats, m.detection = "Quarantine", "Automation", "Success", "Phish", `["URL detonation reputation"]`
		r := g.reset(zap, nil, "Phish ZAP")
		r.email = m
		g.builders["EmailPostDeliveryEvents"].add(r)
	}
	g.raise(zap, srcMDO, "MDO", "Email messages containing malicious URL removed after delivery", "InitialAccess", "Informational",
		[]string{"Spearphishing Link (T1566.002)"},
		evidence{entityType: "MailMessage", role: "Impacted", acct: u, messageID: msgs[0].id, subject: msgs[0].subject},
		evidence{entityType: "Url", role: "Related", remoteURL: url},
		evidence{entityType: "Mailbox", role: "Impacted", acct: u},
	)
	g.raise(clicked+int64(time.Minute), srcMDO, "MDO", "A potentially malicious URL click was detected", "InitialAccess", "High",
		[]string{"Spearphishing Link (T1566.002)"},
		evidence{entityType: "User", role: "Impacted", acct: u},
		evidence{entityType: "Url", role: "Related", remoteURL: url},
		evidence{entityType: "MailMessage", role: "Related", acct: u, messageID: msgs[0].id, subject: msgs[0].subject},
	)
	return c.base
}

// urlClick is one Safe Links click.
type urlClick struct {
	url, msgID, ip, action string
}

func (g *generator) click(ts int64, u *account, d *device, url, msgID, action string) {
	if !g.inWindow(ts) {
		return
	}
	r := g.reset(ts, nil, action)
	r.acct, r.click = u, &urlClick{url: url, msgID: msgID, ip: officeIP, action: action}
	g.builders["UrlClickEvents"].add(r)
}

func clickFields() fields {
	c := func(get func(*urlClick) string) cell {
		return str(func(r *row) string {
			if r.click == nil {
				return ""
			}
			return get(r.click)
		})
	}
	return fields{
		"Url":              c(func(k *urlClick) string { return k.url }),
		"NetworkMessageId": c(func(k *urlClick) string { return k.msgID }),
		"IPAddress":        c(func(k *urlClick) string { return k.ip }),
		"Workload":         c(func(*urlClick) string { return "Email" }),
		"UrlChain":         c(func(k *urlClick) string { return `["` + k.url + `"]` }),
		"IsClickedThrough": flag(func(r *row) (bool, bool) { return r.click != nil && r.click.action == "ClickAllowed", r.click != nil }),
	}
}

func emailFields() fields {
	e := func(get func(*emailMsg) string) cell {
		return str(func(r *row) string {
			if r.email == nil {
				return ""
			}
			return get(r.email)
		})
	}
	n := func(get func(*emailMsg) int64) cell {
		return num(func(r *row) (int64, bool) {
			if r.email == nil {
				return 0, false
			}
			return get(r.email), true
		})
	}
	return fields{
		"NetworkMessageId":       e(func(m *emailMsg) string { return m.id }),
		"InternetMessageId":      e(func(m *emailMsg) string { return m.internetID }),
		"SenderMailFromAddress":  e(func(m *emailMsg) string { return m.from }),
		"SenderFromAddress":      e(func(m *emailMsg) string { return m.from }),
		"SenderDisplayName":      e(func(m *emailMsg) string { return m.fromName }),
		"SenderObjectId":         e(func(m *emailMsg) string { return m.senderObjectID }),
		"SenderMailFromDomain":   e(func(m *emailMsg) string { return m.fromDomain }),
		"SenderFromDomain":       e(func(m *emailMsg) string { return m.fromDomain }),
		"SenderIPv4":             e(func(m *emailMsg) string { return m.senderIP }),
		"RecipientEmailAddress":  e(func(m *emailMsg) string { return m.to.upn }),
		"RecipientObjectId":      e(func(m *emailMsg) string { return m.to.objectID }),
		"RecipientDomain":        e(func(*emailMsg) string { return mailDomain }),
		"To":                     e(func(m *emailMsg) string { return `["` + m.to.upn + `"]` }),
		"Subject":                e(func(m *emailMsg) string { return m.subject }),
		"EmailDirection":         e(func(m *emailMsg) string { return m.direction }),
		"DeliveryAction":         e(func(m *emailMsg) string { return m.delivery }),
		"DeliveryLocation":       e(func(m *emailMsg) string { return m.location }),
		"LatestDeliveryAction":   e(func(m *emailMsg) string { return m.delivery }),
		"LatestDeliveryLocation": e(func(m *emailMsg) string { return m.location }),
		"ThreatTypes":            e(func(m *emailMsg) string { return m.threats }),
		"ThreatNames":            e(func(m *emailMsg) string { return m.threatNames }),
		"DetectionMethods":       e(func(m *emailMsg) string { return m.detection }),
		"ConfidenceLevel":        e(func(m *emailMsg) string { return m.confidence }),
		"AuthenticationDetails":  e(func(m *emailMsg) string { return m.auth }),
		"EmailLanguage":          e(func(*emailMsg) string { return "en" }),
		"Url":                    e(func(m *emailMsg) string { return m.url }),
		"UrlDomain":              e(func(m *emailMsg) string { return m.urlDomain }),
		"UrlLocation":            e(func(m *emailMsg) string { return m.urlLocation }),
		"FileType":               e(func(m *emailMsg) string { return m.fileType }),
		"Action":                 e(func(m *emailMsg) string { return "Moved to quarantine" }),
		"ActionTrigger":          e(func(m *emailMsg) string { return m.pdTrigger }),
		"ActionResult":           e(func(m *emailMsg) string { return m.pdResult }),
		"SourceLocation":         e(func(m *emailMsg) string { return "Inbox/folder" }),
		"CampaignName":           e(func(*emailMsg) string { return "Fabrikam overdue invoice" }),
		"CampaignId":             e(func(*emailMsg) string { return "7c9a3f1e-5b2d-4e8a-9f61-0d4c2b8e7a15" }),
		"CampaignType":           e(func(*emailMsg) string { return "Phish" }),
		"CampaignSubtype":        e(func(*emailMsg) string { return "Credential Phish" }),
		"AttachmentCount":        n(func(m *emailMsg) int64 { return m.attachments }),
		"UrlCount":               n(func(m *emailMsg) int64 { return m.urls }),
		"EmailSize":              n(func(m *emailMsg) int64 { return m.size }),
		"UrlChainPosition":       n(func(m *emailMsg) int64 { return m.urlPos }),
		"IsFirstContact": n(func(m *emailMsg) int64 {
			if m.firstContact {
				return 1
			}
			return 0
		}),
		"AdditionalFields": {str: func(r *row) string {
			if r.email == nil {
				return ""
			}
			return `{"IsExternalSender":` + fmt.Sprint(r.email.direction == "Inbound") + `}`
		}},
	}
}
