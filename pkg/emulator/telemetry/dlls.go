package telemetry

// dllSet is the modules that image-load events refer to.
type dllSet struct {
	ntdll, kernel32, amsi, clr, sma, chrome, vbe7, mso, comsvcs, dbghelp, samlib, wininet, urlmon, winhttp *file
}

func newDLLs() dllSet {
	d := func(path, version string, size int64) *file {
		f := dataFile(path, "dll|"+path+"|"+version, size)
		f.company, f.version, f.signer = "Microsoft Corporation", version, "OsVendor"
		return f
	}
	const s32 = `C:\Windows\System32\`
	return dllSet{
		ntdll:    d(s32+"ntdll.dll", "10.0.22621.2506", 2178608),
		kernel32: d(s32+"kernel32.dll", "10.0.22621.2506", 787456),
		amsi:     d(s32+"amsi.dll", "10.0.22621.1", 94208),
		clr:      d(`C:\Windows\Microsoft.NET\Framework64\v4.0.30319\clr.dll`, "4.8.9181.0", 10467488),
		sma:      d(`C:\Windows\assembly\NativeImages_v4.0.30319_64\System.Manaa57fc8cc#\a0b9cd1e7ae4e1f6a0d3b2b5c7a51b2c\System.Management.Automation.ni.dll`, "10.0.22621.1", 34010624),
		chrome:   d(`C:\Program Files\Google\Chrome\Application\122.0.6261.112\chrome.dll`, "122.0.6261.112", 210000000),
		vbe7:     d(`C:\Program Files\Common Files\Microsoft Shared\VBA\VBA7.1\VBE7.DLL`, "7.1.11.10", 3632024),
		mso:      d(`C:\Program Files\Common Files\Microsoft Shared\Office16\mso.dll`, "16.0.17328.20142", 33517360),
		comsvcs:  d(s32+"comsvcs.dll", "2001.12.10941.16384", 2213888),
		dbghelp:  d(s32+"dbghelp.dll", "10.0.22621.2506", 2052096),
		samlib:   d(s32+"samlib.dll", "10.0.22621.1", 127488),
		wininet:  d(s32+"wininet.dll", "11.0.22621.2506", 4835328),
		urlmon:   d(s32+"urlmon.dll", "11.0.22621.2506", 2015232),
		winhttp:  d(s32+"winhttp.dll", "10.0.22621.2506", 1097728),
	}
}
