package telemetry

import "strconv"

// Cell constructors. Each guards the record it reads, so a table generator only fills what it has.

func str(f func(*row) string) cell { return cell{str: f} }

func num(f func(*row) (int64, bool)) cell { return cell{num: f} }

func flag(f func(*row) (bool, bool)) cell {
	return cell{num: func(r *row) (int64, bool) {
		v, ok := f(r)
		if v {
			return 1, ok
		}
		return 0, ok
	}}
}

func devStr(get func(*device) string) cell {
	return str(func(r *row) string {
		if r.dev == nil {
			return ""
		}
		return get(r.dev)
	})
}

func fileStr(get func(*file) string) cell {
	return str(func(r *row) string {
		if r.file == nil {
			return ""
		}
		return get(r.file)
	})
}

func acctStr(get func(*account) string) cell {
	return str(func(r *row) string {
		if r.acct == nil {
			return ""
		}
		return get(r.acct)
	})
}

// procCells returns the cells of one process (the event's initiating process, or its own one) under prefix,
// which the schema uses for both: "InitiatingProcess..." / "Process...". Each cell is one closure around one
// getter, so a row costs two indirect calls per column.
func procCells(prefix string, initiating bool) fields {
	pick := func(r *row) *proc {
		if initiating {
			return r.init
		}
		return r.proc
	}
	s := func(get func(*proc) string) cell {
		return str(func(r *row) string {
			if p := pick(r); p != nil {
				return get(p)
			}
			return ""
		})
	}
	n := func(get func(*proc) (int64, bool)) cell {
		return num(func(r *row) (int64, bool) {
			if p := pick(r); p != nil {
				return get(p)
			}
			return 0, false
		})
	}
	always := func(get func(*proc) int64) cell {
		return num(func(r *row) (int64, bool) {
			if p := pick(r); p != nil {
				return get(p), true
			}
			return 0, false
		})
	}
	parentOK := func(get func(*proc) int64) cell {
		return num(func(r *row) (int64, bool) {
			if p := pick(r); p != nil && p.parent != nil {
				return get(p.parent), true
			}
			return 0, false
		})
	}
	acct := func(get func(*account) string) cell {
		return str(func(r *row) string {
			if p := pick(r); p != nil && p.acct != nil {
				return get(p.acct)
			}
			return ""
		})
	}
	which := pick
	f := fields{
		prefix + "Id":                          always(func(p *proc) int64 { return p.pid }),
		prefix + "CommandLine":                 s(func(p *proc) string { return p.cmd }),
		prefix + "CreationTime":                always(func(p *proc) int64 { return p.created }),
		prefix + "IntegrityLevel":              s(func(p *proc) string { return p.integrity }),
		prefix + "TokenElevation":              s(func(p *proc) string { return p.elevation }),
		prefix + "VersionInfoCompanyName":      s(func(p *proc) string { return p.img.company }),
		prefix + "VersionInfoProductName":      s(func(p *proc) string { return p.img.product }),
		prefix + "VersionInfoProductVersion":   s(func(p *proc) string { return p.img.version }),
		prefix + "VersionInfoInternalFileName": s(func(p *proc) string { return internalName(p.img) }),
		prefix + "VersionInfoOriginalFileName": s(func(p *proc) string { return internalName(p.img) }),
		prefix + "VersionInfoFileDescription":  s(func(p *proc) string { return p.img.description }),
		prefix + "SessionId":                   always(func(p *proc) int64 { return p.sessionID }),
		prefix + "RemoteSessionDeviceName":     s(func(p *proc) string { return remoteName(p) }),
		prefix + "RemoteSessionIP":             s(func(p *proc) string { return remoteIP(p) }),
		"Is" + prefix + "RemoteSession":        flag(func(r *row) (bool, bool) { p := which(r); return p != nil && p.remoteFrom != nil, p != nil }),
		prefix + "ParentId":                    parentOK(func(p *proc) int64 { return p.pid }),
		prefix + "ParentCreationTime":          parentOK(func(p *proc) int64 { return p.created }),
		prefix + "ParentFileName":              s(func(p *proc) string { return parentName(p) }),
		prefix + "AccountDomain":               acct(func(a *account) string { return a.domain }),
		prefix + "AccountName":                 acct(func(a *account) string { return a.name }),
		prefix + "AccountSid":                  acct(func(a *account) string { return a.sid }),
		prefix + "AccountUpn":                  acct(func(a *account) string { return a.upn }),
		prefix + "AccountObjectId":             acct(func(a *account) string { return a.objectID }),
		prefix + "LogonId":                     n(func(p *proc) (int64, bool) { return p.logonID, p.logonID != 0 }),
		prefix + "SignerType":                  s(func(p *proc) string { return p.img.signer }),
		prefix + "SignatureStatus":             s(func(p *proc) string { return signature(p.img) }),
		prefix + "FileName":                    s(func(p *proc) string { return p.img.name }),
		prefix + "FolderPath":                  s(func(p *proc) string { return p.img.path }),
		prefix + "SHA1":                        s(func(p *proc) string { return p.img.sha1 }),
		prefix + "SHA256":                      s(func(p *proc) string { return p.img.sha256 }),
		prefix + "MD5":                         s(func(p *proc) string { return p.img.md5 }),
		prefix + "FileSize":                    n(func(p *proc) (int64, bool) { return p.img.size, p.img.size > 0 }),
	}
	return f
}

func internalName(f *file) string {
	if f.company == "" {
		return ""
	}
	return f.name
}

func signature(f *file) string {
	if f.signer == "" {
		return "Unsigned"
	}
	return "Valid"
}

func parentName(p *proc) string {
	if p.parent == nil {
		return ""
	}
	return p.parent.img.name
}

func remoteName(p *proc) string {
	if p.remoteFrom == nil {
		return ""
	}
	return p.remoteFrom.short
}

func remoteIP(p *proc) string {
	if p.remoteFrom == nil {
		return ""
	}
	return p.remoteFrom.ip
}

// commonFields are the cells shared by every table that has a column of that name.
func commonFields() fields {
	f := fields{
		"Timestamp":  num(func(r *row) (int64, bool) { return r.ts, true }),
		"DeviceId":   devStr(func(d *device) string { return d.id }),
		"DeviceName": devStr(func(d *device) string { return d.name }),
		"ActionType": str(func(r *row) string { return r.action }),
		"ReportId":   num(func(r *row) (int64, bool) { return r.reportID, r.reportID != 0 }),
		"AdditionalFields": {
			str: func(r *row) string { return r.additional },
			dyn: func(r *row) any { return r.addDyn },
		},
		"FileName":              fileStr(func(f *file) string { return f.name }),
		"FolderPath":            fileStr(func(f *file) string { return f.path }),
		"SHA1":                  fileStr(func(f *file) string { return f.sha1 }),
		"SHA256":                fileStr(func(f *file) string { return f.sha256 }),
		"MD5":                   fileStr(func(f *file) string { return f.md5 }),
		"FileSize":              num(func(r *row) (int64, bool) { return fileSize(r.file) }),
		"AccountDomain":         acctStr(func(a *account) string { return a.domain }),
		"AccountName":           acctStr(func(a *account) string { return a.name }),
		"AccountSid":            acctStr(func(a *account) string { return a.sid }),
		"AccountUpn":            acctStr(func(a *account) string { return a.upn }),
		"AccountObjectId":       acctStr(func(a *account) string { return a.objectID }),
		"LogonId":               num(func(r *row) (int64, bool) { return r.logonID, r.logonID != 0 }),
		"LogonType":             str(func(r *row) string { return r.logonType }),
		"FailureReason":         str(func(r *row) string { return r.failure }),
		"RemoteDeviceName":      str(func(r *row) string { return r.remoteDevice }),
		"IsLocalAdmin":          flag(func(r *row) (bool, bool) { return r.isLocalAdmin, r.logonType != "" }),
		"FileOriginUrl":         str(func(r *row) string { return r.originURL }),
		"FileOriginIP":          str(func(r *row) string { return r.originIP }),
		"FileOriginReferrerUrl": str(func(r *row) string { return r.referrer }),
		"PreviousFileName":      str(func(r *row) string { return r.prevName }),
		"PreviousFolderPath":    str(func(r *row) string { return r.prevPath }),
		"ShareName":             str(func(r *row) string { return r.shareName }),
		"RequestSourceIP":       str(func(r *row) string { return r.requestIP }),
		"RequestProtocol":       str(func(r *row) string { return r.requestProtocol }),
		"RequestAccountName":    str(func(r *row) string { return requestAcct(r, func(a *account) string { return a.name }) }),
		"RequestAccountDomain":  str(func(r *row) string { return requestAcct(r, func(a *account) string { return a.domain }) }),
		"RequestAccountSid":     str(func(r *row) string { return requestAcct(r, func(a *account) string { return a.sid }) }),
	}
	netS := func(get func(*netInfo) string) cell {
		return str(func(r *row) string {
			if r.net == nil {
				return ""
			}
			return get(r.net)
		})
	}
	netN := func(get func(*netInfo) int64) cell {
		return num(func(r *row) (int64, bool) {
			if r.net == nil {
				return 0, false
			}
			return get(r.net), true
		})
	}
	f["RemoteIP"] = netS(func(n *netInfo) string { return n.remoteIP })
	f["RemoteUrl"] = netS(func(n *netInfo) string { return n.remoteURL })
	f["LocalIP"] = netS(func(n *netInfo) string { return n.localIP })
	f["Protocol"] = netS(func(n *netInfo) string { return n.protocol })
	f["RemoteIPType"] = netS(func(n *netInfo) string { return n.remoteType })
	f["LocalIPType"] = netS(func(n *netInfo) string { return n.localType })
	f["RemotePort"] = netN(func(n *netInfo) int64 { return n.remotePort })
	f["LocalPort"] = netN(func(n *netInfo) int64 { return n.localPort })
	regS := func(get func(*regInfo) string) cell {
		return str(func(r *row) string {
			if r.reg == nil {
				return ""
			}
			return get(r.reg)
		})
	}
	f["RegistryKey"] = regS(func(g *regInfo) string { return g.key })
	f["RegistryValueName"] = regS(func(g *regInfo) string { return g.valueName })
	f["RegistryValueData"] = regS(func(g *regInfo) string { return g.valueData })
	f["RegistryValueType"] = regS(func(g *regInfo) string { return g.valueType })
	f["PreviousRegistryKey"] = regS(func(g *regInfo) string { return g.prevKey })
	f["PreviousRegistryValueName"] = regS(func(g *regInfo) string { return g.prevName })
	f["PreviousRegistryValueData"] = regS(func(g *regInfo) string { return g.prevData })
	for k, v := range procCells("InitiatingProcess", true) {
		f[k] = v
	}
	for k, v := range procCells("Process", false) {
		// The event's own process: file columns come from r.file, and Process* account columns do not exist.
		switch k {
		case "ProcessId", "ProcessCommandLine", "ProcessCreationTime", "ProcessIntegrityLevel", "ProcessTokenElevation",
			"ProcessVersionInfoCompanyName", "ProcessVersionInfoProductName", "ProcessVersionInfoProductVersion",
			"ProcessVersionInfoInternalFileName", "ProcessVersionInfoOriginalFileName", "ProcessVersionInfoFileDescription",
			"ProcessRemoteSessionDeviceName", "ProcessRemoteSessionIP", "IsProcessRemoteSession":
			f[k] = v
		}
	}
	f["CreatedProcessSessionId"] = num(func(r *row) (int64, bool) {
		if r.proc == nil {
			return 0, false
		}
		return r.proc.sessionID, true
	})
	return f
}

func fileSize(f *file) (int64, bool) {
	if f == nil || f.size <= 0 {
		return 0, false
	}
	return f.size, true
}

func requestAcct(r *row, get func(*account) string) string {
	if r.requestIP == "" || r.acct == nil {
		return ""
	}
	return get(r.acct)
}

// itoa is strconv.Itoa for int64, for building command lines once per process.
func itoa(v int64) string { return strconv.FormatInt(v, 10) }
