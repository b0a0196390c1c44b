package httpserver

// groupRoutes are the routes of ring groups. Work in progress.
func (s *Server) groupRoutes() []route { return nil }
