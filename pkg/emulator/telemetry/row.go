package telemetry

// proc is one process instance. Parent links make InitiatingProcessParent* columns and process trees agree
// across tables (a child's InitiatingProcessId is its parent's ProcessId).
type proc struct {
	img        *file
	pid        int64
	cmd        string
	created    int64
	acct       *account
	integrity  string
	elevation  string
	logonID    int64
	sessionID  int64
	parent     *proc
	remoteFrom *device // set when the process runs in a remote session
}

// netInfo is one connection.
type netInfo struct {
	remoteIP, remoteURL, localIP, protocol, remoteType, localType string
	remotePort, localPort                                         int64
}

// regInfo is one registry operation.
type regInfo struct {
	key, valueName, valueData, valueType string
	prevKey, prevName, prevData          string
}

// row is the scratch record a generator fills before builder.add turns it into cells. One row is reused
// for every event, so emitting allocates nothing beyond the column appends.
type row struct {
	ts       int64
	dev      *device
	action   string
	file     *file
	proc     *proc
	init     *proc
	acct     *account
	net      *netInfo
	reg      *regInfo
	reportID int64
	logonID  int64
	// AdditionalFields: a JSON string where the schema says string, a dynamic value where it says dynamic.
	additional string
	addDyn     any
	// File event details.
	prevName, prevPath, originURL, originIP, referrer, shareName string
	requestIP, requestProtocol                                   string
	// Logon details.
	logonType, failure, remoteDevice string
	isLocalAdmin                     bool
	// Per-table detail records.
	email *emailMsg
	click *urlClick
	ident *identEvent
	cloud *cloudEvent
	alert *alert
	ev    *evidence
	inv   *invRec
	api   *apiCall
	sec   *secRec
	ig    *igField
	beh   *alert // BehaviorInfo / BehaviorEntities
	tvm   *tvmRec
}
