package telemetry

import (
	"fmt"
	"time"
)

// invRec is a device's inventory strings, built once per device and reused by its daily DeviceInfo and
// DeviceNetworkInfo reports.
type invRec struct {
	loggedOn, connected, dns, gateways, addresses, model, vendor, deviceType, exposure, asset string
}

func inventoryOf(d *device, w *world) *invRec {
	u := d.owner
	rec := &invRec{
		loggedOn:  fmt.Sprintf(`[{"UserName":"%s","DomainName":"%s","Sid":"%s"}]`, u.name, u.domain, u.sid),
		connected: `[{"Name":"contoso.example","Description":"contoso.example","IsConnectedToInternet":true,"Category":"Domain"}]`,
		dns:       fmt.Sprintf(`["%s"]`, w.dc.ip),
		addresses: fmt.Sprintf(`[{"IPAddress":"%s","SubnetPrefix":24,"AddressType":"Private"}]`, d.ip),
		model:     "Latitude 7440", vendor: "Dell Inc.", deviceType: "Workstation", exposure: "Medium", asset: "Normal",
	}
	rec.gateways = fmt.Sprintf(`["%s.1"]`, d.ip[:len(d.ip)-len(lastOctet(d.ip))-1])
	switch {
	case d.server:
		rec.model, rec.vendor, rec.deviceType, rec.exposure, rec.asset = "Virtual Machine", "Microsoft Corporation", "Server", "High", "High"
	case d.os.family == "macos":
		rec.model, rec.vendor = "MacBookPro18,3", "Apple Inc."
	}
	return rec
}

func lastOctet(ip string) string {
	for i := len(ip) - 1; i >= 0; i-- {
		if ip[i] == '.' {
			return ip[i+1:]
		}
	}
	return ip
}

// deviceInventory writes DeviceInfo and DeviceNetworkInfo (one report per device per day, as the sensor
// sends them) and the vulnerability management snapshot.
func (g *generator) deviceInventory() {
	info, netInfoB := g.builders["DeviceInfo"], g.builders["DeviceNetworkInfo"]
	for _, d := range g.w.devices {
		rec := inventoryOf(d, g.w)
		for day := 0; day < g.c.numDays(); day++ {
			ts := g.c.day(day).UnixNano() + int64(d.idx%24)*int64(time.Hour) + int64(d.idx)*int64(time.Second)
			if !g.inWindow(ts) {
				continue
			}
			r := g.reset(ts, d, "")
			r.inv = rec
			r.additional = `{"Cpu":"Intel64 Family 6","MemorySizeInGb":16}`
			info.add(r)
			r = g.reset(ts+int64(time.Second), d, "")
			r.inv = rec
			netInfoB.add(r)
		}
	}
	g.tvm()
	g.securityInventory()
	g.infoGathering()
}

func inventoryFields() fields {
	d := func(get func(*device) string) cell { return devStr(get) }
	i := func(get func(*invRec) string) cell {
		return str(func(r *row) string {
			if r.inv == nil {
				return ""
			}
			return get(r.inv)
		})
	}
	return fields{
		"ClientVersion":           d(func(*device) string { return "10.8760.22621.1011" }),
		"PublicIP":                d(func(*device) string { return officeIP }),
		"OSArchitecture":          d(func(x *device) string { return x.os.arch }),
		"OSPlatform":              d(func(x *device) string { return x.os.platform }),
		"OSVersion":               d(func(x *device) string { return x.os.version }),
		"OSDistribution":          d(func(x *device) string { return x.os.distribution }),
		"OSVersionInfo":           d(func(x *device) string { return x.os.versionInfo }),
		"OSBuild":                 num(func(r *row) (int64, bool) { return r.dev.os.build, r.dev.os.build != 0 }),
		"IsAzureADJoined":         flag(func(r *row) (bool, bool) { return r.dev.os.family == "windows", true }),
		"JoinType":                d(func(x *device) string { return when(x.os.family == "windows", "Hybrid Azure AD Join") }),
		"AadDeviceId":             d(func(x *device) string { return x.aadID }),
		"MachineGroup":            d(func(x *device) string { return x.group }),
		"OnboardingStatus":        d(func(*device) string { return "Onboarded" }),
		"DeviceCategory":          d(func(*device) string { return "Endpoint" }),
		"SensorHealthState":       d(func(*device) string { return "Active" }),
		"IsInternetFacing":        flag(func(r *row) (bool, bool) { return r.dev.role == "web", true }),
		"IsExcluded":              flag(func(r *row) (bool, bool) { return false, true }),
		"IsTransient":             flag(func(r *row) (bool, bool) { return false, true }),
		"LoggedOnUsers":           i(func(x *invRec) string { return x.loggedOn }),
		"Model":                   i(func(x *invRec) string { return x.model }),
		"Vendor":                  i(func(x *invRec) string { return x.vendor }),
		"DeviceType":              i(func(x *invRec) string { return x.deviceType }),
		"ExposureLevel":           i(func(x *invRec) string { return x.exposure }),
		"AssetValue":              i(func(x *invRec) string { return x.asset }),
		"NetworkAdapterName":      d(func(*device) string { return "Ethernet" }),
		"MacAddress":              d(func(x *device) string { return x.mac }),
		"NetworkAdapterType":      d(func(*device) string { return "Ethernet" }),
		"NetworkAdapterStatus":    d(func(*device) string { return "Up" }),
		"NetworkAdapterVendor":    d(func(*device) string { return "Microsoft" }),
		"NetworkAdapterDnsSuffix": d(func(*device) string { return mailDomain }),
		"ConnectedNetworks":       i(func(x *invRec) string { return x.connected }),
		"DnsAddresses":            i(func(x *invRec) string { return x.dns }),
		"DefaultGateways":         i(func(x *invRec) string { return x.gateways }),
		"IPAddresses":             i(func(x *invRec) string { return x.addresses }),
		"IPv4Dhcp":                d(func(*device) string { return "10.0.0.1" }),
	}
}
