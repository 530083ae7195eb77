package telemetry

// endpoint is a remote service that processes talk to.
type endpoint struct {
	url, ip string
	port    int64
}

// Remote endpoints by who talks to them. The addresses are the ranges these services really use, so
// RemoteIPType and ipv4_is_private() behave; the attacker infrastructure uses documentation ranges.
type endpoints struct {
	web, office, teams, defender, update, onedrive, linux, mac []endpoint
	// dns[i] is the DnsQueryResponse AdditionalFields of web[i].
	dns []string
}

func knownEndpoints() endpoints {
	e := endpoints{
		web: []endpoint{
			{"www.google.com", "142.250.184.196", 443}, {"www.bing.com", "204.79.197.200", 443},
			{"github.com", "140.82.121.4", 443}, {"www.linkedin.com", "13.107.42.14", 443},
			{"stackoverflow.com", "151.101.1.69", 443}, {"en.wikipedia.org", "185.15.59.224", 443},
			{"www.youtube.com", "142.250.185.78", 443}, {"fonts.gstatic.com", "142.250.186.35", 443},
			{"cdn.jsdelivr.net", "151.101.129.229", 443}, {"www.contoso.example", "203.0.113.80", 443},
			{"news.ycombinator.com", "209.216.230.207", 443}, {"www.microsoft.com", "23.55.124.157", 443},
			{"learn.microsoft.com", "13.107.246.67", 443}, {"docs.github.com", "185.199.108.154", 443},
			{"zoom.us", "170.114.52.2", 443}, {"www.amazon.com", "54.239.28.85", 443},
		},
		office: []endpoint{
			{"outlook.office365.com", "52.97.146.162", 443}, {"outlook.office.com", "40.99.10.34", 443},
			{"officeclient.microsoft.com", "52.109.8.19", 443}, {"login.microsoftonline.com", "20.190.159.2", 443},
			{"contoso-my.sharepoint.com", "13.107.136.9", 443}, {"substrate.office.com", "52.96.88.146", 443},
		},
		teams: []endpoint{
			{"teams.microsoft.com", "52.113.194.132", 443}, {"teams.events.data.microsoft.com", "52.113.196.224", 443},
			{"statics.teams.cdn.office.net", "13.107.246.45", 443},
		},
		defender: []endpoint{
			{"wdcp.microsoft.com", "20.42.65.92", 443}, {"winatp-gw-eus.microsoft.com", "20.42.73.27", 443},
			{"definitionupdates.microsoft.com", "23.212.221.165", 443}, {"events.data.microsoft.com", "20.189.173.1", 443},
		},
		update: []endpoint{
			{"fe3cr.delivery.mp.microsoft.com", "20.72.235.82", 443}, {"dl.delivery.mp.microsoft.com", "152.199.19.161", 80},
			{"settings-win.data.microsoft.com", "51.104.15.253", 443}, {"ctldl.windowsupdate.com", "93.184.221.240", 80},
		},
		onedrive: []endpoint{
			{"contoso-my.sharepoint.com", "13.107.136.9", 443}, {"g.live.com", "13.107.42.13", 443},
		},
		linux: []endpoint{
			{"archive.ubuntu.com", "91.189.91.82", 80}, {"security.ubuntu.com", "185.125.190.39", 80},
			{"api.snapcraft.io", "185.125.188.58", 443}, {"pypi.org", "151.101.0.223", 443},
		},
		mac: []endpoint{
			{"gateway.icloud.com", "17.248.211.71", 443}, {"swscan.apple.com", "17.253.83.202", 443},
			{"www.apple.com", "23.38.168.80", 443},
		},
	}
	for _, w := range e.web {
		e.dns = append(e.dns, `{"DnsQueryString":"`+w.url+`","DnsQueryResult":[{"DnsQueryType":1,"IpAddress":"`+w.ip+`"}]}`)
	}
	return e
}
