package confd

import "context"

// DeleteUserRecursive deletes the user with its lines (their endpoints,
// and their extensions no other line uses) and gives up its voicemail.
func (c *Client) DeleteUserRecursive(ctx context.Context, s Scope, userRef any) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		u, err := tx.Users.Get(ctx, s, userRef)
		if err != nil {
			return err
		}
		if err := tx.DissociateUserVoicemail(ctx, s, u.ID); err != nil {
			return err
		}
		var lineIDs []int
		if err := tx.tx.NewSelect().Table("user_lines").Column("line_id").Where("user_id = ?", u.ID).Scan(ctx, &lineIDs); err != nil {
			return err
		}
		for _, id := range lineIDs {
			if err := tx.takeOffDevice(ctx, s, id); err != nil {
				return err
			}
		}
		if err := tx.SetUserLines(ctx, s, u.ID, nil); err != nil {
			return err
		}
		for _, id := range lineIDs {
			if err := tx.DeleteLineRecursive(ctx, s, id); err != nil {
				return err
			}
		}
		return tx.Users.Delete(ctx, s, u.ID)
	})
}

// DeleteLineRecursive deletes the line with its endpoint (which a plain
// delete takes too) and the extensions no other line uses; its users lose
// it.
func (c *Client) DeleteLineRecursive(ctx context.Context, s Scope, lineID int) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		if err := tx.takeOffDevice(ctx, s, lineID); err != nil {
			return err
		}
		l, err := tx.Lines.Get(ctx, s, lineID)
		if err != nil {
			return err
		}
		for _, x := range l.Extensions {
			if err := tx.dropLineExtension(ctx, s, l.ID, x.ID); err != nil {
				return err
			}
		}
		return tx.Lines.Delete(ctx, s, l.ID) // its endpoint goes with it
	})
}

// takeOffDevice takes the line off its device, if it is on one.
func (c *Client) takeOffDevice(ctx context.Context, s Scope, lineID int) error {
	l, err := c.Lines.Get(ctx, s, lineID)
	if err != nil || l.DeviceID == nil {
		return err
	}
	return c.DissociateLineDevice(ctx, s, l.ID, *l.DeviceID)
}
