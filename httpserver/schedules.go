package httpserver

// scheduleRoutes are the routes of schedules. Work in progress.
func (s *Server) scheduleRoutes() []route { return nil }
