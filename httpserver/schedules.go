package httpserver

import (
	"context"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// scheduleRoutes are the routes of schedules and of their associations
// with users, groups and incalls.
func (s *Server) scheduleRoutes() []route {
	c := s.c
	rs := crud(family[resources.Schedule]{"schedules", "int", resources.ScheduleSchema, c.Schedules})
	rs = append(rs, pairRoutes("/users/{user_ref}/schedules/{schedule_id}", c.AssociateUserSchedule, c.DissociateUserSchedule)...)
	rs = append(rs, pairRoutes("/groups/{group_ref}/schedules/{schedule_id}", c.AssociateGroupSchedule, c.DissociateGroupSchedule)...)
	incall := func(f func(context.Context, confd.Scope, int, int) error) pairFunc {
		return func(ctx context.Context, sc confd.Scope, id any, schedule int) error {
			return f(ctx, sc, id.(int), schedule)
		}
	}
	return append(rs, pairRoutes("/incalls/{incall_id}/schedules/{schedule_id}",
		incall(c.AssociateIncallSchedule), incall(c.DissociateIncallSchedule))...)
}
