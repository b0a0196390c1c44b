package confd

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// sipIsWebRTC reports whether the SIP endpoint, with its templates, says
// webrtc=yes.
func sipIsWebRTC(ctx context.Context, db bun.IDB, uuid string) (bool, error) {
	v, err := store.Get[resources.EndpointSIP](ctx, db, endpointSIPTable, uuid, nil)
	if err != nil {
		return false, err
	}
	refs, err := sipTemplateRefs(ctx, db, []string{uuid})
	if err != nil {
		return false, err
	}
	return sipSaysWebRTC(ctx, db, v, refs[uuid])
}

// sipSaysWebRTC is sipIsWebRTC for an endpoint at hand, with its templates.
func sipSaysWebRTC(ctx context.Context, db bun.IDB, v *resources.EndpointSIP, templates []resources.SIPTemplateRef) (bool, error) {
	inherited, err := inheritedOptions(ctx, db, templates, map[string]bool{v.UUID: true})
	if err != nil {
		return false, err
	}
	const endpointSection = 2 // resources.SIPSections
	merged := resources.MergeSIPOptions(append(inherited[endpointSection], v.EndpointSectionOptions...))
	for _, o := range merged {
		if o[0] == "webrtc" {
			switch strings.ToLower(o[1]) {
			case "yes", "true", "on", "1":
				return true, nil
			}
		}
	}
	return false, nil
}
