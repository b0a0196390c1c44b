package httpserver

import "github.com/gopbx/confd/resources"

// scheduleRoutes are the routes of schedules and of their associations
// with users, groups and incalls.
func (s *Server) scheduleRoutes() []route {
	c := s.c
	rs := crud(family[resources.Schedule]{"schedules", "int", resources.ScheduleSchema, c.Schedules})
	rs = append(rs, pairRoutes("/users/{user_ref}/schedules/{schedule_id}", c.AssociateUserSchedule, c.DissociateUserSchedule)...)
	rs = append(rs, pairRoutes("/groups/{group_ref}/schedules/{schedule_id}", c.AssociateGroupSchedule, c.DissociateGroupSchedule)...)
	return append(rs, pairRoutes("/incalls/{incall_id}/schedules/{schedule_id}",
		intFirst(c.AssociateIncallSchedule), intFirst(c.DissociateIncallSchedule))...)
}
