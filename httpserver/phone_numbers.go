package httpserver

import (
	"net/http"

	"github.com/gopbx/confd/resources"
)

// phoneNumberRoutes are the CRUD routes of /phone-numbers, its ranges and
// the tenant's main number. The literal paths /phone-numbers/main and
// /phone-numbers/ranges win over /phone-numbers/{uuid} in ServeMux; the
// methods of {uuid} they lack answer 405 as in wazo (see notRouted), not
// the 404 of a path that is not a uuid.
func (s *Server) phoneNumberRoutes() []route {
	f := family[resources.PhoneNumber]{"phone-numbers", "uuid", resources.PhoneNumberSchema, s.c.PhoneNumbers}
	return append(crud(f),
		route{"POST", "/phone-numbers/ranges", "confd.phone-numbers.create", s.createPhoneNumberRange},
		route{"GET", "/phone-numbers/main", "confd.phone-numbers.main.read", s.getMainPhoneNumber},
		route{"PUT", "/phone-numbers/main", "confd.phone-numbers.main.update", s.setMainPhoneNumber},
	)
}

// createPhoneNumberRange is POST /phone-numbers/ranges, in the request's
// tenant.
func (s *Server) createPhoneNumberRange(q *request) error {
	fields, err := q.body(resources.PhoneNumberRangeSchema, false)
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	start, _ := fields["start_number"].(string)
	end, _ := fields["end_number"].(string)
	out, err := s.c.PhoneNumbers.CreateRange(q.ctx, scope, q.tenant, start, end)
	if err != nil {
		return err
	}
	return q.json(http.StatusCreated, out)
}

// getMainPhoneNumber is GET /phone-numbers/main: the main number of the
// request's tenant, never of a sub-tenant.
func (s *Server) getMainPhoneNumber(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	v, err := s.c.PhoneNumbers.GetMain(q.ctx, scope, q.tenant)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, v)
}

// setMainPhoneNumber is PUT /phone-numbers/main: 204 with the Location of
// the new main number. A number of another tenant is not found (404), as
// wazo answers for any unknown number there.
func (s *Server) setMainPhoneNumber(q *request) error {
	fields, err := q.body(resources.PhoneNumberMainSchema, false)
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	uuid, _ := fields["phone_number_uuid"].(string)
	v, err := s.c.PhoneNumbers.SetMain(q.ctx, scope, q.tenant, uuid)
	if err != nil {
		return err
	}
	q.w.Header().Set("Location", baseURL(q.r)+"/phone-numbers/"+v.UUID)
	return q.noContent()
}
