package confd

import (
	"context"

	"github.com/gopbx/confd/resources"
)

// UserViews are the flat views of GET /users?view=...
var UserViews = []string{"summary", "directory", "line_presence"}

// UserView returns u as the named flat view (summary, directory or
// line_presence),
// built from its main line and voicemail.
func (c *Client) UserView(ctx context.Context, u *resources.User, view string) map[string]any {
	var line *resources.Line
	if len(u.Lines) > 0 {
		line, _ = u.Lines[0].(*resources.Line)
	}
	exten, extContext := mainExtension(line)
	switch view {
	case "directory":
		return c.directoryView(ctx, u, line, exten, extContext)
	case "line_presence":
		return linePresenceView(u)
	}
	v := map[string]any{"id": u.ID, "uuid": u.UUID, "firstname": u.Firstname, "lastname": u.Lastname,
		"email": u.Email, "extension": exten, "context": extContext, "provisioning_code": nil,
		"protocol": nil, "enabled": u.Enabled, "subscription_type": u.SubscriptionType, "is_webrtc": false}
	if line != nil {
		v["protocol"], v["is_webrtc"] = line.Protocol, line.IsWebRTC
		if line.Protocol != nil && (*line.Protocol == "sip" || *line.Protocol == "sccp") && !line.IsWebRTC {
			v["provisioning_code"] = line.ProvisioningCode // what a desk phone is provisioned with
		}
	}
	return v
}

func (c *Client) directoryView(ctx context.Context, u *resources.User, line *resources.Line, exten, extContext any) map[string]any {
	v := map[string]any{"id": u.ID, "uuid": u.UUID, "line_id": nil, "agent_id": nil, "firstname": u.Firstname,
		"lastname": u.Lastname, "email": u.Email, "exten": exten, "mobile_phone_number": u.MobilePhoneNumber,
		"voicemail_number": nil, "userfield": u.Userfield, "description": u.Description, "context": extContext}
	if line != nil {
		v["line_id"] = line.ID
	}
	if u.VoicemailID != nil {
		var number string
		if err := c.Users.db().NewSelect().Table("voicemails").Column("number").Where("id = ?", *u.VoicemailID).Scan(ctx, &number); err == nil {
			v["voicemail_number"] = number
		}
	}
	return v
}

func mainExtension(l *resources.Line) (exten, context any) {
	if l == nil || len(l.Extensions) == 0 {
		return nil, nil
	}
	return l.Extensions[0].Exten, l.Extensions[0].Context
}

// linePresenceView is what a presence display needs: the user's lines and
// services.
func linePresenceView(u *resources.User) map[string]any {
	lines := []map[string]any{}
	for _, ref := range u.Lines {
		if l, ok := ref.(*resources.Line); ok {
			lines = append(lines, map[string]any{"id": l.ID, "name": l.Name, "protocol": l.Protocol,
				"extensions": l.Extensions, "endpoint_sip": l.EndpointSIP, "endpoint_sccp": l.EndpointSCCP,
				"endpoint_custom": l.EndpointCustom})
		}
	}
	return map[string]any{"uuid": u.UUID, "tenant_uuid": u.TenantUUID, "lines": lines, "services": u.Services}
}
