package httpserver

import (
	"net/http"

	"github.com/gopbx/confd/resources"
)

// userVoicemailRoutes: a user's voicemail box, listed, created, given
// (PUT) and taken away (DELETE).
func (s *Server) userVoicemailRoutes() []route {
	base, acl := "/users/{user_ref}/voicemails", "confd.users.{user_ref}.voicemails"
	return []route{
		{"GET", base, acl + ".read", listUserVoicemail},
		{"POST", base, acl + ".create", createUserVoicemail},
		{"DELETE", base, acl + ".delete", dissociateUserVoicemail},
		{"PUT", base + "/{voicemail_id}", acl + ".{voicemail_id}.update", associateUserVoicemail},
	}
}

func userRef(q *request) any {
	ref, _ := parseKey("ref", q.r.PathValue("user_ref"))
	return ref
}

func listUserVoicemail(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	vm, err := q.c.UserVoicemail(q.ctx, scope, userRef(q))
	if err != nil {
		return err
	}
	items := []resources.Voicemail{}
	if vm != nil {
		items = append(items, *vm)
	}
	return q.json(http.StatusOK, list[resources.Voicemail]{Total: len(items), Items: items})
}

func createUserVoicemail(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if _, err := q.c.Users.Get(q.ctx, scope, userRef(q)); err != nil {
		return err
	}
	fields, err := q.body(resources.VoicemailSchema, false)
	if err != nil {
		return err
	}
	vm := &resources.Voicemail{}
	if err := resources.Apply(fields, vm); err != nil {
		return err
	}
	if err := q.c.CreateUserVoicemail(q.ctx, scope, userRef(q), vm); err != nil {
		return err
	}
	q.w.Header().Set("Location", baseURL(q.r)+"/voicemails/"+keyString(vm.ID))
	return q.json(http.StatusCreated, vm)
}

func dissociateUserVoicemail(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if err := q.c.DissociateUserVoicemail(q.ctx, scope, userRef(q)); err != nil {
		return err
	}
	return q.noContent()
}

func associateUserVoicemail(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	vm, _ := parseKey("int", q.r.PathValue("voicemail_id"))
	if err := q.c.AssociateUserVoicemail(q.ctx, scope, userRef(q), vm.(int)); err != nil {
		return err
	}
	return q.noContent()
}
