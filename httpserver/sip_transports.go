package httpserver

// sipTransportRoutes are the routes of SIP transports. Work in progress.
func (s *Server) sipTransportRoutes() []route { return nil }
