package httpserver

// phoneNumberRoutes are the routes of phone numbers. Work in progress.
func (s *Server) phoneNumberRoutes() []route { return nil }
