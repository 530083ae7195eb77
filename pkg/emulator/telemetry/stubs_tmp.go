package telemetry

type emailMsg struct{}
type urlClick struct{}
type identEvent struct{}
type cloudEvent struct{}

func emailFields() fields                                                                          { return nil }
func clickFields() fields                                                                          { return nil }
func identityFields() fields                                                                       { return nil }
func cloudFields() fields                                                                          { return nil }
func inventoryFields() fields                                                                      { return nil }
func tvmFields(string) fields                                                                      { return nil }
func (g *generator) deviceInventory()                                                              {}
func (g *generator) phishingStory(c storyCast) int64                                               { return c.base }
func (g *generator) oauthStory(c storyCast)                                                        {}
func (g *generator) identityLogon(ts int64, action, protocol string, u *account, src, dst *device) {}
