package httpserver

// incallRoutes are the routes of incoming call routes. Work in progress.
func (s *Server) incallRoutes() []route { return nil }
