package httpserver

import "github.com/gopbx/confd/resources"

// voicemailRoutes are the five CRUD routes of /voicemails.
func (s *Server) voicemailRoutes() []route {
	return crud(family[resources.Voicemail]{"voicemails", "int", resources.VoicemailSchema, s.c.Voicemails})
}
