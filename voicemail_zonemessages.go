package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// ZoneMessage is a voicemail zone message: the named timezone a voicemail
// box may use (Voicemail.Timezone) and how it announces a message's time.
type ZoneMessage struct {
	bun.BaseModel `bun:"table:voicemail_zonemessages"`

	Position int     `bun:"position,pk" json:"-"`
	Name     string  `bun:"name" json:"name"`
	Timezone string  `bun:"timezone" json:"timezone"`
	Message  *string `bun:"message" json:"message"`
}

// VoicemailZoneMessages returns the zone messages, in order.
func (c *Client) VoicemailZoneMessages(ctx context.Context) ([]ZoneMessage, error) {
	items := []ZoneMessage{}
	err := c.conn().NewSelect().Model(&items).Order("position").Scan(ctx)
	return items, err
}

// SetVoicemailZoneMessages replaces the zone messages, which concern every
// tenant; Asterisk's voicemail is reloaded. An empty message is none.
func (c *Client) SetVoicemailZoneMessages(ctx context.Context, items []ZoneMessage) error {
	if err := resources.Check(resources.ZoneMessagesSchema, map[string]any{"items": resources.NonNil(items)}); err != nil {
		return err
	}
	for i := range items {
		items[i].Position = i + 1
		if items[i].Message != nil && *items[i].Message == "" {
			items[i].Message = nil
		}
	}
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := replaceRows(ctx, tx, &items, "voicemail_zonemessages", "1 = 1"); err != nil {
			return err
		}
		tx.Reload(reload.Commands("voicemail reload"))
		ev := globalEvent("voicemail_zonemessages_edited", "config.voicemail_zonemessages.edited", map[string]any{})
		return tx.Emit(ctx, withOrigin(c, ev)...)
	})
}

// timezoneDefined reports whether a zone message has that name.
func timezoneDefined(ctx context.Context, db bun.IDB, name string) (bool, error) {
	return db.NewSelect().Table("voicemail_zonemessages").Where("name = ?", name).Exists(ctx)
}
