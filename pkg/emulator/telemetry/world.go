package telemetry

import (
	"fmt"
	"strings"
)

// Domain facts of the demo organisation.
const (
	mailDomain = "contoso.example"
	netbios    = "CONTOSO"
	domainSID  = "S-1-5-21-1004336348-1177238915-682003330"
	officeIP   = "203.0.113.10"
)

// Device groups (Defender "machine groups"); the demo users are scoped to these two.
const (
	groupServers      = "Servers"
	groupWorkstations = "Workstations"
)

// account is a user or service identity.
type account struct {
	name, domain, sid, upn, objectID, display string
	department, title                         string
	profile                                   string // C:\Users\<profile>
	admin                                     bool
}

// osInfo describes an operating system as DeviceInfo reports it.
type osInfo struct {
	platform, version, distribution, versionInfo, arch string
	build                                              int64
	family                                             string // windows, linux, macos
}

// device is one onboarded machine.
type device struct {
	idx              int
	id, name, short  string
	aadID            string
	group, role      string // role: dc, file, sql, web, app, linux, workstation, mac
	server           bool
	os               osInfo
	ip, mac          string
	owner            *account // primary user (workstations) or the admin who runs it (servers)
	images           [numImages]*file
	docs             []*file           // documents in the owner's profile
	churn            []*file           // cache and temp files rewritten all day
	launch           [numImages]string // "<path>" : the plain command line of each image, shared by rows
	docOpen          []string          // Word/Excel command lines opening docs[i]
	downloads        []*file           // files the browser downloads to the profile
	varLog           *file             // Linux cron job log
	logonFields      map[string]any    // IdentityLogonEvents.AdditionalFields of logons to this device (read-only, shared)
	bootTime         int64
	services, defend *proc // long-lived services.exe and MsMpEng.exe
	lsass, winlogon  *proc
	curLogon         int64   // logon id of the current interactive session
	svchost          []*proc // a few svchost.exe instances
	logonIDs         int64
	pids             int64
	sessionOf        *proc // explorer.exe of the current day
}

// world is the simulated organisation: users, devices, and the well-known system accounts.
type world struct {
	users                    []*account
	analyst, helpdesk        *account
	system, localSvc, netSvc *account
	devices                  []*device
	servers, workstations    []*device
	dc, fileSrv, sqlSrv, web *device
}

func firstNames() []string {
	return []string{"adele", "alex", "allan", "bianca", "christie", "debra", "diego", "emily", "enrico", "gerhart", "grady", "henrietta", "isaiah", "johanna", "joni", "lee", "lidia", "lynne", "megan", "miriam", "nestor", "patti", "pradeep", "raul", "sofia", "tomas", "wanda", "yuki", "zara", "omar"}
}
func lastNames() []string {
	return []string{"vance", "wilber", "deyoung", "chen", "cline", "berg", "siciliani", "braun", "ricci", "mack", "archie", "mueller", "miller", "godfrey", "sherman", "gu", "holloway", "robbins", "bowen", "rahman", "wilke", "fernandez", "gupta", "okafor", "alvarez", "novak", "santos", "tanaka", "ahmed", "haddad"}
}
func departments() []string {
	return []string{"Finance", "Sales", "Marketing", "Engineering", "HR", "Legal", "Operations", "IT"}
}

func newAccount(name, display, department string, rid int) *account {
	upn := name + "@" + mailDomain
	return &account{
		name: name, domain: netbios, sid: fmt.Sprintf("%s-%d", domainSID, rid), upn: upn,
		objectID: guidOf("aad-user|" + upn), display: display, department: department, title: department + " specialist",
		profile: name,
	}
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// buildWorld creates devices (about 15% servers, always at least a DC and a file server) and one user per
// workstation plus the demo's analyst and helpdesk users.
func buildWorld(opts Options) *world {
	r := newRnd(opts.Seed, "world")
	w := &world{
		system:   &account{name: "system", domain: "nt authority", sid: "S-1-5-18"},
		localSvc: &account{name: "local service", domain: "nt authority", sid: "S-1-5-19"},
		netSvc:   &account{name: "network service", domain: "nt authority", sid: "S-1-5-20"},
	}
	w.analyst = newAccount("analyst", "SOC Analyst", "IT", 1104)
	w.analyst.admin = true
	w.helpdesk = newAccount("helpdesk", "Helpdesk Technician", "IT", 1105)
	w.helpdesk.admin = true
	w.users = append(w.users, w.analyst, w.helpdesk)
	img := images()
	// At least one server and one workstation whenever there are two devices, since the demo users are
	// scoped to one group each; a single device is a workstation.
	nServers := 0
	if opts.Devices >= 2 {
		nServers = min(opts.Devices-1, max(2, opts.Devices*15/100))
	}
	roles := []string{"dc", "file", "sql", "web", "linux", "app", "dc", "file", "app", "linux", "app", "web"}
	seen := map[string]int{}
	for i := 0; i < opts.Devices; i++ {
		d := &device{idx: i}
		if i < nServers {
			d.server, d.group = true, groupServers
			d.role = roles[i%len(roles)]
			seen[d.role]++
			d.short = fmt.Sprintf("srv-%s%02d", d.role, seen[d.role])
			d.owner = w.helpdesk
			if d.role == "linux" {
				d.os = osInfo{"Linux", "22.04", "Ubuntu", "22.04.4 LTS", "64-bit", 0, "linux"}
			} else if i%2 == 0 {
				d.os = osInfo{"WindowsServer2022", "10.0", "", "21H2", "64-bit", 20348, "windows"}
			} else {
				d.os = osInfo{"WindowsServer2019", "10.0", "", "1809", "64-bit", 17763, "windows"}
			}
			d.ip = fmt.Sprintf("10.0.0.%d", 10+i)
		} else {
			d.group, d.role = groupWorkstations, "workstation"
			first, last := pick(r, firstNames()), pick(r, lastNames())
			name := first + "." + last
			if _, dup := seen[name]; dup {
				name = fmt.Sprintf("%s%d", name, i)
			}
			seen[name]++
			u := newAccount(name, title(first)+" "+title(last), pick(r, departments()), 1200+i)
			w.users = append(w.users, u)
			d.owner = u
			d.short = fmt.Sprintf("ws-%s-%03d", strings.ToLower(u.department[:min(3, len(u.department))]), i)
			switch {
			case i%23 == 7:
				d.role = "mac"
				d.os = osInfo{"macOS", "14.3", "macOS", "Sonoma", "64-bit", 0, "macos"}
			case i%3 == 0:
				d.os = osInfo{"Windows10", "10.0", "", "22H2", "64-bit", 19045, "windows"}
			default:
				d.os = osInfo{"Windows11", "10.0", "", "23H2", "64-bit", 22631, "windows"}
			}
			d.ip = fmt.Sprintf("10.1.%d.%d", 1+i/200, 10+i%200)
		}
		d.name = d.short + "." + mailDomain
		d.id, _, _ = digests(fmt.Sprintf("device|%d|%d", opts.Seed, i))
		d.aadID = guidOf(fmt.Sprintf("aad-device|%d|%d", opts.Seed, i))
		d.mac = fmt.Sprintf("00-15-5D-%02X-%02X-%02X", (i>>16)&0xff, (i>>8)&0xff, i&0xff)
		d.pids = int64(1000 + r.IntN(4000))
		d.logonIDs = int64(0x3e7 + 1000 + r.IntN(100000))
		for k, e := range img {
			d.images[k] = e.resolve(d.owner.profile)
		}
		d.docs = userDocs(d.owner)
		if d.role == "file" {
			d.docs = shareDocs()
		}
		d.churn = churnFiles(d)
		for k, f := range d.images {
			d.launch[k] = `"` + f.path + `" `
		}
		for _, doc := range d.docs {
			img := d.images[iWinword]
			if strings.HasSuffix(doc.name, ".xlsx") {
				img = d.images[iExcel]
			}
			d.docOpen = append(d.docOpen, `"`+img.path+`" /n "`+doc.path+`" /o ""`)
		}
		for i, n := range downloadNames() {
			d.downloads = append(d.downloads, dataFile(`C:\Users\`+d.owner.profile+`\Downloads\`+n, "download|"+n, int64(80_000+i*1_250_000)))
		}
		d.varLog = dataFile("/var/log/backup.log", "linux-log|"+d.id, 48213)
		d.logonFields = map[string]any{"Spns": "cifs/" + d.name, "TO.DEVICE": d.short, "Count": "1"}
		w.devices = append(w.devices, d)
		if d.server {
			w.servers = append(w.servers, d)
		} else {
			w.workstations = append(w.workstations, d)
		}
	}
	w.dc, w.fileSrv, w.sqlSrv, w.web = w.byRole("dc"), w.byRole("file"), w.byRole("sql"), w.byRole("web")
	return w
}

// byRole returns the first server of role, falling back to the first server, then the first device.
func (w *world) byRole(role string) *device {
	for _, d := range w.servers {
		if d.role == role {
			return d
		}
	}
	if len(w.servers) > 0 {
		return w.servers[0]
	}
	return w.devices[0]
}

// clients are the workstations, or every device in a tenant without any.
func (w *world) clients() []*device {
	if len(w.workstations) > 0 {
		return w.workstations
	}
	return w.devices
}

// hosts are the servers, or every device in a tenant without any.
func (w *world) hosts() []*device {
	if len(w.servers) > 0 {
		return w.servers
	}
	return w.devices
}

// windowsWorkstations are the Windows clients, where the endpoint stories play.
func (w *world) windowsWorkstations() []*device {
	var out []*device
	for _, d := range w.workstations {
		if d.os.family == "windows" {
			out = append(out, d)
		}
	}
	return out
}

func docNames() []string {
	return []string{`Documents\Q3 forecast.xlsx`, `Documents\Board update.docx`, `Documents\Budget 2026.xlsx`, `Documents\Customer list.xlsx`, `Documents\Project plan.docx`, `Documents\Contract draft.docx`, `Desktop\notes.txt`, `Documents\Travel expenses.xlsx`, `Documents\Team offsite.pptx`, `Downloads\setup-notes.pdf`, `Documents\Invoice register.xlsx`, `Documents\Policy review.docx`}
}

func userDocs(u *account) []*file {
	out := make([]*file, 0, 12)
	for i, n := range docNames() {
		out = append(out, dataFile(`C:\Users\`+u.profile+`\`+n, u.upn+"|"+n, int64(24_000+i*37_123)))
	}
	return out
}

func downloadNames() []string {
	return []string{"GoogleChromeEnterprise.msi", "zoom-installer.exe", "report-final.pdf", "quarterly-results.xlsx", "vscode-setup.exe", "meeting-notes.docx", "python-3.12.2-amd64.exe", "brochure.pdf"}
}

// shareDocs are the documents on a file server's D:\Shares, which workstations open and save over SMB.
func shareDocs() []*file {
	var out []*file
	for _, dept := range departments() {
		for i, n := range []string{"Team plan.docx", "Budget.xlsx", "Contacts.xlsx"} {
			path := `D:\Shares\` + dept + `\` + n
			out = append(out, dataFile(path, "share|"+path, int64(31_000+i*52_001)))
		}
	}
	return out
}
