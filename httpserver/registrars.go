package httpserver

// registrarRoutes are the routes of SIP registrars. Work in progress.
func (s *Server) registrarRoutes() []route { return nil }
