package httpserver

// callPermissionRoutes are the routes of call permissions. Work in progress.
func (s *Server) callPermissionRoutes() []route { return nil }
