package httpserver

// callPickupRoutes are the routes of call pickups. Work in progress.
func (s *Server) callPickupRoutes() []route { return nil }
